#include "engine/diff_policies.hpp"

#include <tuple>

#include "engine/match_by_key.hpp"

namespace schemactl::engine {

void diff_policies(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out) {
  // A dropped table takes its switches with it; a new one starts with them off.
  match_by_key(
      from.tables, to.tables, [](const schema::Table& t) { return t.name; }, [](const schema::Table&) {},
      [&](const schema::Table& t) {
        if (t.row_security != schema::RowSecurity{}) out.push_back(RowSecurityChanged{t.name, {}, t.row_security});
      },
      [&](const schema::Table& a, const schema::Table& b) {
        if (a.row_security != b.row_security) out.push_back(RowSecurityChanged{b.name, a.row_security, b.row_security});
      });
  match_by_key(
      from.policies, to.policies, [](const schema::Policy& p) { return std::tie(p.table, p.name); },
      [&](const schema::Policy& p) { out.push_back(PolicyDropped{p}); },
      [&](const schema::Policy& p) { out.push_back(PolicyAdded{p}); },
      [&](const schema::Policy& a, const schema::Policy& b) {
        if (!(a == b)) out.push_back(PolicyChanged{a, b});
      });
}

}  // namespace schemactl::engine
