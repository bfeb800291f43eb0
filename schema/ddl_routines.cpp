#include "schema/ddl_routines.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "schema/names.hpp"
#include "schema/object_key.hpp"
#include "schema/topological_order.hpp"

namespace schemactl::schema {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == ';')) text.pop_back();
  return text;
}

std::string view_kind(const View& view) { return view.materialized ? "MATERIALIZED VIEW " : "VIEW "; }

}  // namespace

std::string create_function_sql(const Function& function) { return trimmed(function.definition); }

std::string drop_function_sql(const Function& function) {
  return std::string(function.procedure ? "DROP PROCEDURE " : "DROP FUNCTION ") + quote_name(function.name) + "(" +
         function.identity_arguments + ")";
}

std::string create_view_sql(const View& view, bool or_replace) {
  std::string sql = std::string("CREATE ") + (or_replace ? "OR REPLACE " : "") + view_kind(view) + quote_name(view.name);
  if (!view.options.empty()) {
    sql += " WITH (";
    for (std::size_t i = 0; i < view.options.size(); ++i) sql += (i ? ", " : "") + view.options[i];
    sql += ")";
  }
  sql += " AS\n" + trimmed(view.definition);
  if (view.materialized) sql += view.populated ? "\nWITH DATA" : "\nWITH NO DATA";
  return sql;
}

std::string drop_view_sql(const View& view) { return "DROP " + view_kind(view) + quote_name(view.name); }

std::string drop_trigger_sql(const Trigger& trigger) {
  return "DROP TRIGGER " + quote_ident(trigger.name) + " ON " + quote_name(trigger.table);
}

std::set<std::string> functions_tables_call(const Catalog& catalog) {
  std::set<std::string> called;
  for (const auto& dependency : catalog.dependencies)
    if (dependency.referenced.starts_with("func ") &&
        (dependency.dependent.starts_with("col ") || dependency.dependent.starts_with("constraint ")))
      called.insert(dependency.referenced);
  return called;
}

bool domain_calls(const Domain& domain, const Function& function) {
  const std::string call = quote_name(function.name) + "(";
  if (domain.default_expr.find(call) != std::string::npos) return true;
  return std::any_of(domain.constraints.begin(), domain.constraints.end(),
                     [&](const DomainConstraint& c) { return c.definition.find(call) != std::string::npos; });
}

std::set<std::string> functions_domains_call(const Catalog& catalog) {
  std::vector<std::string> types;
  for (const auto& type : catalog.enums) types.push_back(quote_name(type.name));
  for (const auto& type : catalog.domains) types.push_back(quote_name(type.name));
  for (const auto& type : catalog.composite_types) types.push_back(quote_name(type.name));
  for (const auto& table : catalog.tables) types.push_back(quote_name(table.name));  // row types
  std::set<std::string> called;
  for (const auto& function : catalog.functions) {
    if (std::none_of(catalog.domains.begin(), catalog.domains.end(),
                     [&](const Domain& domain) { return domain_calls(domain, function); }))
      continue;
    std::string signature = function.arguments + " " + function.result;
    bool uses_own_type = std::any_of(types.begin(), types.end(),
                                     [&](const std::string& type) { return signature.find(type) != std::string::npos; });
    if (!uses_own_type) called.insert(function_key(function));
  }
  return called;
}

std::vector<std::string> view_and_function_statements(const Catalog& catalog, const std::set<std::string>& created) {
  // One node per view and per function not created already, keyed as pg_depend names them.
  std::vector<std::string> statements;
  std::vector<const View*> views;
  std::map<std::string, std::size_t> position;
  for (const auto& function : catalog.functions) {
    if (created.contains(function_key(function))) continue;
    position.emplace(function_key(function), statements.size());
    statements.push_back(create_function_sql(function));
    views.push_back(nullptr);
  }
  for (const auto& view : catalog.views) {
    position.emplace(relation_key(view.name), statements.size());
    statements.push_back(create_view_sql(view));
    views.push_back(&view);
  }
  std::vector<std::vector<std::size_t>> prerequisites(statements.size());
  for (const auto& dependency : catalog.dependencies) {
    auto dependent = position.find(dependency.dependent);
    auto referenced = position.find(dependency.referenced);
    if (dependent != position.end() && referenced != position.end())
      prerequisites[dependent->second].push_back(referenced->second);
  }
  // PostgreSQL refuses cycles among these, so nothing is ever stuck; list any anyway.
  auto [order, stuck] = topological_order(prerequisites);
  order.insert(order.end(), stuck.begin(), stuck.end());
  std::vector<std::string> ordered;
  for (std::size_t i : order) {
    ordered.push_back(statements[i]);
    if (views[i])
      for (const auto& index : views[i]->indexes) ordered.push_back(index.definition);
  }
  return ordered;
}

}  // namespace schemactl::schema
