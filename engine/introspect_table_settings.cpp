#include "engine/introspect_table_settings.hpp"

#include <algorithm>

#include "engine/introspect_sql.hpp"

namespace schemactl::engine {
namespace {

schema::ReplicaIdentity replica_identity(char relreplident) {
  switch (relreplident) {
    case 'f': return schema::ReplicaIdentity::full;
    case 'n': return schema::ReplicaIdentity::nothing;
    case 'i': return schema::ReplicaIdentity::index;
    default: return schema::ReplicaIdentity::default_key;
  }
}

}  // namespace

std::vector<std::pair<pqxx::oid, schema::TableSettings>> read_table_settings(pqxx::transaction_base& txn,
                                                                             const std::string& table_oids) {
  // The toast table's parameters are the table's "toast." ones.
  auto rows = txn.exec_params(
      "SELECT c.oid, c.relpersistence = 'u', coalesce(c.reloptions, '{}'), "
      "  ARRAY(SELECT 'toast.' || o FROM unnest(t.reloptions) o), c.relreplident, ic.relname "
      "FROM pg_class c "
      "LEFT JOIN pg_class t ON t.oid = c.reltoastrelid "
      "LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisreplident "
      "LEFT JOIN pg_class ic ON ic.oid = i.indexrelid "
      "WHERE c.oid = ANY ($1::oid[])",
      table_oids);
  std::vector<std::pair<pqxx::oid, schema::TableSettings>> settings;
  for (const auto& row : rows) {
    schema::TableSettings table{.unlogged = row[1].as<bool>(), .options = introspect_sql::text_array(row[2])};
    for (auto& option : introspect_sql::text_array(row[3])) table.options.push_back(std::move(option));
    std::sort(table.options.begin(), table.options.end());
    // An identity whose index was dropped is NOTHING in effect; it is read as such.
    table.replica_identity = replica_identity(row[4].as<std::string>()[0]);
    table.replica_identity_index = introspect_sql::text(row[5]);
    if (table.replica_identity == schema::ReplicaIdentity::index && table.replica_identity_index.empty())
      table.replica_identity = schema::ReplicaIdentity::nothing;
    settings.emplace_back(row[0].as<pqxx::oid>(), std::move(table));
  }
  return settings;
}

}  // namespace schemactl::engine
