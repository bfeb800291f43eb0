#include "engine/diff_table_settings.hpp"

#include "engine/match_by_key.hpp"

namespace schemactl::engine {
namespace {

// The definition without its " WITH (...)" clause, which follows the key columns;
// a ')' inside a quoted value does not end it.
std::string without_storage_parameters(const std::string& definition) {
  auto keys = definition.find(" USING ");
  auto at = definition.find(" WITH (", keys == std::string::npos ? 0 : keys);
  if (at == std::string::npos) return definition;
  bool quoted = false;
  for (auto i = at + 7; i < definition.size(); ++i) {
    if (definition[i] == '\'') quoted = !quoted;
    else if (definition[i] == ')' && !quoted) return definition.substr(0, at) + definition.substr(i + 1);
  }
  return definition;
}

}  // namespace

bool only_storage_parameters_differ(const schema::Index& from, const schema::Index& to) {
  if (from.options == to.options) return false;
  schema::Index same = from;
  same.options = to.options;
  same.definition = to.definition;
  return same == to && without_storage_parameters(from.definition) == without_storage_parameters(to.definition);
}

void diff_table_settings(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out) {
  match_by_key(
      from.tables, to.tables, [](const schema::Table& t) { return t.name; }, [](const schema::Table&) {},
      [&](const schema::Table& t) {
        if (t.settings.replica_identity == schema::ReplicaIdentity::default_key) return;
        schema::TableSettings created = t.settings;
        created.replica_identity = schema::ReplicaIdentity::default_key;
        created.replica_identity_index.clear();
        out.push_back(TableSettingsChanged{t.name, created, t.settings});
      },
      [&](const schema::Table& a, const schema::Table& b) {
        if (a.settings != b.settings) out.push_back(TableSettingsChanged{b.name, a.settings, b.settings});
      });
}

}  // namespace schemactl::engine
