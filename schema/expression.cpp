#include "schema/expression.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pg_query.h>

namespace schemactl::schema {
namespace {

void collect_function_names(const nlohmann::json& node, std::vector<std::string>& names) {
  if (node.is_object()) {
    if (auto call = node.find("FuncCall"); call != node.end()) {
      const auto& parts = (*call)["funcname"];
      if (!parts.empty()) names.push_back(parts.back()["String"]["sval"].get<std::string>());
    }
    for (const auto& [key, child] : node.items()) collect_function_names(child, names);
  } else if (node.is_array()) {
    for (const auto& child : node) collect_function_names(child, names);
  }
}

nlohmann::json parse_tree(const std::string& sql) {
  PgQueryParseResult result = pg_query_parse(sql.c_str());
  auto tree = result.error ? nlohmann::json() : nlohmann::json::parse(result.parse_tree);
  pg_query_free_parse_result(result);
  return tree;
}

}  // namespace

std::optional<QualifiedName> index_built_concurrently(std::string_view sql) {
  auto tree = parse_tree(std::string(sql));
  if (!tree.is_object() || tree["stmts"].size() != 1) return std::nullopt;
  const auto& statement = tree["stmts"][0]["stmt"];
  if (!statement.contains("IndexStmt")) return std::nullopt;
  const auto& index = statement["IndexStmt"];
  if (!index.value("concurrent", false) || !index.contains("idxname")) return std::nullopt;
  return QualifiedName{index["relation"].value("schemaname", "public"), index["idxname"].get<std::string>()};
}

namespace {

void collect_relations(const nlohmann::json& node, std::vector<QualifiedName>& names) {
  if (node.is_object()) {
    if (node.contains("relname") && node["relname"].is_string()) {
      names.push_back({node.value("schemaname", "public"), node["relname"].get<std::string>()});
    }
    for (const auto& [key, child] : node.items()) collect_relations(child, names);
  } else if (node.is_array()) {
    for (const auto& child : node) collect_relations(child, names);
  }
}

}  // namespace

std::vector<QualifiedName> tables_named_in(std::string_view sql) {
  std::vector<QualifiedName> names;
  collect_relations(parse_tree(std::string(sql)), names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> function_names_in_expression(std::string_view expression) {
  std::vector<std::string> names;
  collect_function_names(parse_tree("SELECT " + std::string(expression)), names);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace schemactl::schema
