// Internal to introspection: reading table and column privileges, one query per
// kind, within introspect()'s snapshot. Only when IntrospectOptions::privileges.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// The privileges granted on the tables, views, materialized views and sequences of
// the user schemas ($1 lists the excluded ones) and on their columns, sorted as
// Catalog::privileges. The owner's own privileges are left out, so a fresh table
// has none.
std::vector<schema::Privilege> read_privileges(pqxx::transaction_base& txn, const std::string& excluded);

}  // namespace schemactl::engine
