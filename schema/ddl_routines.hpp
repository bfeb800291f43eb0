// SQL text for functions, procedures, views, materialized views and triggers.
// Their definitions are PostgreSQL's own deparsed text, so these only frame them.
#pragma once

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

// The catalog's views, each after the views it selects from; otherwise by name.
std::vector<const View*> views_in_dependency_order(const Catalog& catalog);

}  // namespace schemactl::schema
