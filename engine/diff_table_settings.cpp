#include "engine/diff_table_settings.hpp"

#include "engine/match_by_key.hpp"

namespace schemactl::engine {

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
