#include "planner/lint_tree.hpp"

#include <cstdlib>
#include <set>

#include <fmt/format.h>

namespace schemactl::planner::lint_tree {
namespace {

// Built-in functions PostgreSQL marks VOLATILE that show up in column defaults: ADD
// COLUMN evaluates such a default once per existing row, rewriting the table. now(),
// CURRENT_TIMESTAMP, statement_timestamp() and transaction_timestamp() are STABLE:
// evaluated once and kept in the catalog, no rewrite. Functions of the user's own are
// not known here, and not flagged.
const std::set<std::string, std::less<>> volatile_functions = {
    "clock_timestamp", "currval",          "gen_random_bytes",   "gen_random_uuid",
    "nextval",         "random",           "random_normal",      "setval",
    "timeofday",       "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4"};

}  // namespace

const json& child(const json& node, std::string_view key) {
  static const json none = json::object();
  auto found = node.find(key);
  return found == node.end() ? none : *found;
}

std::string text(const json& node, std::string_view key) {
  const json& value = child(node, key);
  return value.is_string() ? value.get<std::string>() : "";
}

bool flag(const json& node, std::string_view key) {
  const json& value = child(node, key);
  return value.is_boolean() && value.get<bool>();
}

std::vector<std::string> names(const json& list) {
  if (list.contains("List")) return names(child(list["List"], "items"));
  std::vector<std::string> values;
  for (const json& item : list) values.push_back(text(child(item, "String"), "sval"));
  return values;
}

schema::QualifiedName qualified(const std::vector<std::string>& parts) {
  if (parts.empty()) return {};
  return {parts.size() >= 2 ? parts[parts.size() - 2] : "public", parts.back()};
}

schema::QualifiedName table_of(const json& range_var) {
  std::string schema = text(range_var, "schemaname");
  return {schema.empty() ? "public" : schema, text(range_var, "relname")};
}

std::string type_text(const json& type_name) {
  std::vector<std::string> parts = names(child(type_name, "names"));
  if (parts.size() > 1 && parts.front() == "pg_catalog") parts.erase(parts.begin());  // int4, varchar, ...
  std::string type = fmt::format("{}", fmt::join(parts, "."));
  std::vector<std::string> modifiers;
  for (const json& modifier : child(type_name, "typmods"))
    modifiers.push_back(std::to_string(child(child(modifier, "A_Const"), "ival").value("ival", 0)));
  if (!modifiers.empty()) type += fmt::format("({})", fmt::join(modifiers, ","));
  for (std::size_t i = 0; i < child(type_name, "arrayBounds").size(); ++i) type += "[]";
  return type;
}

// PostgreSQL recognises these names only bare or in pg_catalog.
bool is_serial(const json& type_name) {
  static const std::set<std::string, std::less<>> serials = {"smallserial", "serial2",   "serial",
                                                             "serial4",     "bigserial", "serial8"};
  std::vector<std::string> parts = names(child(type_name, "names"));
  bool bare = parts.size() == 1 || (parts.size() == 2 && parts.front() == "pg_catalog");
  return bare && serials.contains(parts.back());
}

std::string volatile_call(const json& expression) {
  if (expression.is_array()) {
    for (const json& item : expression)
      if (std::string found = volatile_call(item); !found.empty()) return found;
  } else if (expression.is_object()) {
    if (expression.contains("FuncCall")) {
      std::vector<std::string> function = names(child(expression["FuncCall"], "funcname"));
      if (!function.empty() && volatile_functions.contains(function.back())) return function.back();
    }
    for (const auto& [key, value] : expression.items())
      if (std::string found = volatile_call(value); !found.empty()) return found;
  }
  return "";
}

// PostgreSQL's SET NOT NULL skips its scan when a validated check proves the same.
std::vector<std::string> not_null_columns(const json& expression) {
  if (expression.contains("NullTest")) {
    const json& test = expression["NullTest"];
    std::vector<std::string> fields = names(child(child(child(test, "arg"), "ColumnRef"), "fields"));
    if (text(test, "nulltesttype") == "IS_NOT_NULL" && fields.size() == 1) return fields;
  } else if (expression.contains("BoolExpr") && text(expression["BoolExpr"], "boolop") == "AND_EXPR") {
    std::vector<std::string> columns;
    for (const json& arg : child(expression["BoolExpr"], "args"))
      for (std::string& column : not_null_columns(arg)) columns.push_back(std::move(column));
    return columns;
  }
  return {};
}

bool nonzero(const json& value) {
  const json& constant = child(value, "A_Const");
  if (constant.contains("ival")) return child(constant, "ival").value("ival", 0) != 0;
  for (std::string_view kind : {"sval", "fval"})
    if (constant.contains(kind)) return std::strtod(text(child(constant, kind), kind).c_str(), nullptr) != 0;
  return false;
}

}  // namespace schemactl::planner::lint_tree
