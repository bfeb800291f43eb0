// SQL for a table's settings (catalog_attributes.hpp): persistence, storage
// parameters and replica identity.
#pragma once

#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// A storage parameter "name=value" split at its first '='.
struct StorageParameter {
  std::string name;
  std::string value;
};
StorageParameter parse_storage_parameter(const std::string& option);

// "fillfactor='70', toast.autovacuum_enabled='false'": the parameters as
// SET (...) and WITH (...) take them, each value a quoted literal.
std::string storage_parameters_sql(const std::vector<std::string>& options);

// ALTER TABLE t REPLICA IDENTITY DEFAULT | FULL | NOTHING | USING INDEX i
std::string replica_identity_sql(const QualifiedName& table, const TableSettings& settings);

// ALTER TABLE ... REPLICA IDENTITY for every table whose identity is not the
// default, for the canonical script (persistence and storage parameters are in
// CREATE TABLE).
std::vector<std::string> table_settings_statements(const Catalog& catalog);

}  // namespace schemactl::schema
