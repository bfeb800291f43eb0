// Introspection of functions, procedures, views, materialized views, triggers, and
// the dependencies between them and tables (pg_depend): one query per kind, inside
// the caller's snapshot. `excluded` is the array literal of excluded schemas.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

std::vector<schema::Function> read_functions(pqxx::transaction_base& txn, const std::string& excluded);
std::vector<schema::View> read_views(pqxx::transaction_base& txn, const std::string& excluded);
std::vector<schema::Trigger> read_triggers(pqxx::transaction_base& txn, const std::string& excluded);
std::vector<schema::Dependency> read_dependencies(pqxx::transaction_base& txn, const std::string& excluded);

}  // namespace schemactl::engine
