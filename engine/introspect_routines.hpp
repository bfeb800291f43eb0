// Introspection of functions, procedures, views, materialized views and triggers:
// one query per kind, inside the caller's snapshot. `excluded` is the array literal of excluded schemas.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "engine/introspect_dependencies.hpp"
#include "schema/catalog.hpp"

namespace schemactl::engine {

// Each function, view and view column is named in `names` too.
std::vector<schema::Function> read_functions(pqxx::transaction_base& txn, const std::string& excluded,
                                             ObjectNames& names);
std::vector<schema::View> read_views(pqxx::transaction_base& txn, const std::string& excluded, ObjectNames& names);
std::vector<schema::Trigger> read_triggers(pqxx::transaction_base& txn, const std::string& excluded);

}  // namespace schemactl::engine
