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

}  // namespace

std::vector<std::string> function_names_in_expression(std::string_view expression) {
  std::string query = "SELECT " + std::string(expression);
  PgQueryParseResult result = pg_query_parse(query.c_str());
  std::vector<std::string> names;
  if (!result.error) collect_function_names(nlohmann::json::parse(result.parse_tree), names);
  pg_query_free_parse_result(result);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace schemactl::schema
