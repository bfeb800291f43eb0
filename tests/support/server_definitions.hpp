// What the server's own deparsers print, to compare introspection's output with.
#pragma once

#include <map>
#include <string>
#include <tuple>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "schema/catalog.hpp"

namespace schemactl::testing {

// Schema, relation, and the index, constraint or column the definition is of.
using DefinitionKey = std::tuple<std::string, std::string, std::string>;

// Runs `sql` on `conn`, commits, and introspects the result.
schema::Catalog introspect_created(pqxx::connection& conn, const std::string& sql);

// The empty search_path introspection's sessions print names with, for `txn`.
void print_names_as_introspection(pqxx::transaction_base& txn);

// The rows of `query`, (schema, relation, object, definition), as a map.
std::map<DefinitionKey, std::string> definitions(pqxx::transaction_base& txn, const std::string& query);

}  // namespace schemactl::testing
