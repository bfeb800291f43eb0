// SQL text for functions, procedures, views, materialized views and triggers.
// Their definitions are PostgreSQL's own deparsed text, so these only frame them.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// CREATE OR REPLACE FUNCTION|PROCEDURE ... as pg_get_functiondef() gives it.
std::string create_function_sql(const Function& function);
std::string drop_function_sql(const Function& function);  // DROP FUNCTION|PROCEDURE name(types)

// CREATE [OR REPLACE] [MATERIALIZED] VIEW name [WITH (options)] AS query
// [WITH [NO] DATA]. Only plain views can be replaced.
std::string create_view_sql(const View& view, bool or_replace = false);
std::string drop_view_sql(const View& view);

std::string drop_trigger_sql(const Trigger& trigger);  // DROP TRIGGER name ON table

// The keys of the functions that a table's column default, generated expression or
// CHECK calls: a script creates them before the tables.
std::set<std::string> functions_tables_call(const Catalog& catalog);

// Whether the domain's CHECK constraints or default call `function` (by its
// qualified name, as the deparser prints it with an empty search_path).
bool domain_calls(const Domain& domain, const Function& function);

// The keys of the functions that a domain's CHECK or default names and whose
// signature uses no type of the catalog: a script creates them before the types.
// (pg_depend's rows for a domain's constraints are not in Catalog::dependencies.)
std::set<std::string> functions_domains_call(const Catalog& catalog);

// CREATE statements of the views (with their indexes) and of the functions not in
// `created`, each after what it depends on (pg_depend): a function on a table's row
// type after the tables, a view calling it after the function, a view on views after
// them; otherwise functions by name, then views by name.
std::vector<std::string> view_and_function_statements(const Catalog& catalog, const std::set<std::string>& created);

}  // namespace schemactl::schema
