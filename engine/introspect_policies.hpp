// Internal to introspection: reading row-level security policies, in one query,
// within introspect()'s snapshot.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// The policies of the tables whose oids the array literal lists, by table then name.
std::vector<schema::Policy> read_policies(pqxx::transaction_base& txn, const std::string& table_oids);

}  // namespace schemactl::engine
