#include "planner/preflight_checks.hpp"

#include <fmt/format.h>

#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using schema::quote_ident;
using schema::quote_name;

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : std::string(separator)) + item;
  return joined;
}

std::vector<std::string> quoted(const std::vector<std::string>& names, std::string_view prefix) {
  std::vector<std::string> result;
  for (const auto& name : names) result.push_back(std::string(prefix) + quote_ident(name));
  return result;
}

}  // namespace

engine::Preflight no_nulls(const schema::QualifiedName& table, const std::string& column) {
  return {fmt::format("NULLs in {}.{} (before SET NOT NULL)", quote_name(table), quote_ident(column)),
          fmt::format("SELECT * FROM {} WHERE {} IS NULL", quote_name(table), quote_ident(column))};
}

engine::Preflight no_duplicates(const schema::QualifiedName& table, const std::vector<std::string>& keys,
                                const std::string& predicate, bool nulls_distinct) {
  std::vector<std::string> conditions;
  if (nulls_distinct) {
    for (const auto& key : keys) conditions.push_back(fmt::format("({}) IS NOT NULL", key));
  }
  if (!predicate.empty()) conditions.push_back("(" + predicate + ")");
  auto where = conditions.empty() ? std::string{} : " WHERE " + join(conditions, " AND ");
  auto key_list = join(keys, ", ");
  return {fmt::format("duplicate keys in {} ({}) (before a unique index)", quote_name(table), key_list),
          fmt::format("SELECT {0}, count(*) AS copies FROM {1}{2} GROUP BY {0} HAVING count(*) > 1", key_list,
                      quote_name(table), where)};
}

engine::Preflight no_orphans(const schema::QualifiedName& table, const schema::Constraint& foreign_key) {
  std::vector<std::string> conditions = quoted(foreign_key.columns, "c.");
  for (auto& column : conditions) column += " IS NOT NULL";
  std::vector<std::string> matches;
  for (std::size_t i = 0; i < foreign_key.columns.size(); ++i) {
    matches.push_back(fmt::format("p.{} = c.{}", quote_ident(foreign_key.referenced_columns.at(i)),
                                  quote_ident(foreign_key.columns[i])));
  }
  return {fmt::format("rows of {} without a match in {} (before validating {})", quote_name(table),
                      quote_name(foreign_key.referenced_table), quote_ident(foreign_key.name)),
          fmt::format("SELECT c.* FROM {} AS c WHERE {} AND NOT EXISTS (SELECT FROM {} AS p WHERE {})",
                      quote_name(table), join(conditions, " AND "), quote_name(foreign_key.referenced_table),
                      join(matches, " AND "))};
}

engine::Preflight check_holds(const schema::QualifiedName& table, const schema::Constraint& check) {
  // pg_get_constraintdef: "CHECK ((price > 0))", possibly followed by " NOT VALID".
  std::string expression = check.definition.substr(check.definition.find('('));
  if (auto not_valid = expression.rfind(" NOT VALID"); not_valid != std::string::npos) expression.resize(not_valid);
  return {fmt::format("rows of {} that fail {} (before validating it)", quote_name(table), quote_ident(check.name)),
          fmt::format("SELECT * FROM {} WHERE NOT {}", quote_name(table), expression)};
}

engine::Preflight role_exists(const std::string& role) {
  return {fmt::format("role {} does not exist: create it first, schemactl does not create roles", quote_ident(role)),
          fmt::format("SELECT {0} AS missing_role WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {0})",
                      schema::quote_literal(role))};
}

}  // namespace schemactl::planner
