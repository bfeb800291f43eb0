#include "schema/ddl_table_settings.hpp"

#include "schema/names.hpp"

namespace schemactl::schema {

StorageParameter parse_storage_parameter(const std::string& option) {
  auto equals = option.find('=');
  if (equals == std::string::npos) return {option, ""};
  return {option.substr(0, equals), option.substr(equals + 1)};
}

std::string storage_parameters_sql(const std::vector<std::string>& options) {
  std::string sql;
  for (const auto& option : options) {
    auto [name, value] = parse_storage_parameter(option);
    sql += (sql.empty() ? "" : ", ") + name + "=" + quote_literal(value);
  }
  return sql;
}

std::string replica_identity_sql(const QualifiedName& table, const TableSettings& settings) {
  std::string identity;
  switch (settings.replica_identity) {
    case ReplicaIdentity::default_key: identity = "DEFAULT"; break;
    case ReplicaIdentity::full: identity = "FULL"; break;
    case ReplicaIdentity::nothing: identity = "NOTHING"; break;
    case ReplicaIdentity::index: identity = "USING INDEX " + quote_ident(settings.replica_identity_index); break;
  }
  return "ALTER TABLE " + quote_name(table) + " REPLICA IDENTITY " + identity;
}

std::vector<std::string> table_settings_statements(const Catalog& catalog) {
  std::vector<std::string> statements;
  for (const auto& table : catalog.tables)
    if (table.settings.replica_identity != ReplicaIdentity::default_key)
      statements.push_back(replica_identity_sql(table.name, table.settings));
  return statements;
}

}  // namespace schemactl::schema
