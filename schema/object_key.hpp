// Object keys: one string per schema object that others can depend on, the same
// whether it comes from pg_depend (engine::introspect) or from a planned change, so
// that dependencies and plan steps meet on equal strings. Tables, views and
// materialized views share "rel" as they share PostgreSQL's pg_class names.
#pragma once

#include <string>
#include <string_view>

#include "schema/catalog.hpp"

namespace schemactl::schema {

std::string relation_key(const QualifiedName& relation);                      // rel "s"."t"
std::string column_key(const QualifiedName& table, std::string_view column);  // col "s"."t"."c"
std::string constraint_key(const QualifiedName& table, std::string_view constraint);
std::string function_key(const QualifiedName& name, std::string_view identity_arguments);
std::string function_key(const Function& function);
std::string trigger_key(const QualifiedName& table, std::string_view trigger);
std::string trigger_key(const Trigger& trigger);
std::string policy_key(const QualifiedName& table, std::string_view policy);
std::string policy_key(const Policy& policy);

}  // namespace schemactl::schema
