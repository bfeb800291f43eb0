// Reading libpg_query's JSON parse trees for the linter. The JSON leaves out false,
// zero and empty fields, so every read has a default.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/catalog.hpp"

namespace schemactl::planner::lint_tree {

using nlohmann::json;

// The member, or an empty object (which iterates as empty and contains nothing).
const json& child(const json& node, std::string_view key);
std::string text(const json& node, std::string_view key);  // "" when absent
bool flag(const json& node, std::string_view key);         // false when absent

// A list of String nodes, bare or wrapped as {"List": {"items": [...]}}.
std::vector<std::string> names(const json& list);

// ["name"] or [..., "schema", "name"]; unqualified names are in public.
schema::QualifiedName qualified(const std::vector<std::string>& parts);
schema::QualifiedName table_of(const json& range_var);

// A TypeName as written: "varchar(20)", "numeric(12,2)", "text[]".
std::string type_text(const json& type_name);

// serial, bigserial and their kin, which are no real types.
bool is_serial(const json& type_name);

// The first volatile built-in function an expression calls ("gen_random_uuid"), or "".
std::string volatile_call(const json& expression);

// The columns a CHECK expression proves non-null: `c IS NOT NULL`, alone or ANDed.
std::vector<std::string> not_null_columns(const json& expression);

// Whether a SET value is non-zero: 0, '0' and '0ms' are not.
bool nonzero(const json& value);

}  // namespace schemactl::planner::lint_tree
