#include "schema/ddl_routines.hpp"

#include <algorithm>
#include <map>

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

std::vector<const View*> views_in_dependency_order(const Catalog& catalog) {
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < catalog.views.size(); ++i) position.emplace(relation_key(catalog.views[i].name), i);
  std::vector<std::vector<std::size_t>> prerequisites(catalog.views.size());
  for (const auto& dependency : catalog.dependencies) {
    auto dependent = position.find(dependency.dependent);
    auto referenced = position.find(dependency.referenced);
    if (dependent != position.end() && referenced != position.end())
      prerequisites[dependent->second].push_back(referenced->second);
  }
  // PostgreSQL refuses cyclic views, so nothing is ever stuck; list any anyway.
  auto [order, stuck] = topological_order(prerequisites);
  order.insert(order.end(), stuck.begin(), stuck.end());
  std::vector<const View*> views;
  for (std::size_t i : order) views.push_back(&catalog.views[i]);
  return views;
}

}  // namespace schemactl::schema
