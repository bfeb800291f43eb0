// Internal to introspection: reading tables' settings (persistence, storage
// parameters, replica identity), in one query, within introspect()'s snapshot.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// The settings of the tables whose oids the array literal lists, with each one's oid.
std::vector<std::pair<pqxx::oid, schema::TableSettings>> read_table_settings(pqxx::transaction_base& txn,
                                                                             const std::string& table_oids);

}  // namespace schemactl::engine
