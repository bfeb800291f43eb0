// Internal to introspection: reading extensions, enums, domains and composite
// types, one query per kind, within introspect()'s snapshot.
#pragma once

#include <string>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// Fills the catalog's extensions, enums, domains and composite_types, each sorted
// by name. `excluded` is the array literal of excluded schemas ($1 of user_schema).
void read_types(pqxx::transaction_base& txn, const std::string& excluded, schema::Catalog& catalog);

}  // namespace schemactl::engine
