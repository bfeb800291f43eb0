#include "schema/catalog_json.hpp"

#include <nlohmann/json.hpp>

#include "schema/catalog_json_attributes.hpp"
#include "schema/catalog_json_types.hpp"

namespace schemactl::schema {
namespace {

using json = nlohmann::ordered_json;

std::string_view kind_name(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::primary_key: return "primary_key";
    case ConstraintKind::unique: return "unique";
    case ConstraintKind::check: return "check";
    case ConstraintKind::foreign_key: return "foreign_key";
    case ConstraintKind::exclusion: return "exclusion";
  }
  return "";
}

json name_json(const QualifiedName& name) { return {{"schema", name.schema}, {"name", name.name}}; }

json column_json(const Column& c) {
  json out = {{"name", c.name}, {"type", c.type}, {"not_null", c.not_null}};
  if (!c.collation.empty()) out["collation"] = c.collation;
  if (!c.default_expr.empty()) out["default"] = c.default_expr;
  if (c.identity != 0) out["identity"] = c.identity == 'a' ? "always" : "by default";
  if (!c.generated.empty()) out["generated"] = c.generated;
  return out;
}

json constraint_json(const Constraint& c) {
  json out = {{"name", c.name}, {"kind", kind_name(c.kind)}, {"definition", c.definition},
              {"columns", c.columns}, {"validated", c.validated}};
  if (c.kind == ConstraintKind::foreign_key) out["references"] = name_json(c.referenced_table);
  return out;
}

json index_json(const Index& i) {
  return {{"name", i.name},   {"definition", i.definition}, {"unique", i.unique},
          {"valid", i.valid}, {"options", i.options}};
}

json table_json(const Table& t) {
  json out = name_json(t.name);
  out["columns"] = json::array();
  for (const auto& c : t.columns) out["columns"].push_back(column_json(c));
  out["constraints"] = json::array();
  for (const auto& c : t.constraints) out["constraints"].push_back(constraint_json(c));
  out["indexes"] = json::array();
  for (const auto& i : t.indexes) out["indexes"].push_back(index_json(i));
  out["row_security"] = {{"enabled", t.row_security.enabled}, {"forced", t.row_security.forced}};
  out["settings"] = table_settings_json(t.settings);
  if (!t.partition_key.empty()) out["partition_key"] = t.partition_key;
  if (t.partition_of) {
    out["partition_of"] = {{"parent", name_json(t.partition_of->parent)}, {"bound", t.partition_of->bound}};
  }
  return out;
}

json sequence_json(const Sequence& s) {
  json out = name_json(s.name);
  const auto& o = s.options;
  out.update({{"type", o.data_type}, {"start", o.start}, {"increment", o.increment}, {"min", o.min_value},
              {"max", o.max_value}, {"cache", o.cache}, {"cycle", o.cycle}});
  if (s.owned_by) out["owned_by"] = {{"table", name_json(s.owned_by->table)}, {"column", s.owned_by->column}};
  return out;
}

json function_json(const Function& f) {
  json out = name_json(f.name);
  out.update({{"kind", f.procedure ? "procedure" : "function"}, {"arguments", f.arguments}});
  if (!f.procedure) out["returns"] = f.result;
  out["definition"] = f.definition;
  return out;
}

json view_json(const View& v) {
  json out = name_json(v.name);
  out.update({{"materialized", v.materialized}, {"columns", json::array()}, {"options", v.options},
              {"definition", v.definition}});
  for (const auto& c : v.columns) out["columns"].push_back({{"name", c.name}, {"type", c.type}});
  if (v.materialized) {
    out["populated"] = v.populated;
    out["indexes"] = json::array();
    for (const auto& i : v.indexes) out["indexes"].push_back(index_json(i));
  }
  return out;
}

json policy_json(const Policy& p) {
  return {{"table", name_json(p.table)}, {"name", p.name},       {"permissive", p.permissive},
          {"command", p.command},        {"roles", p.roles},     {"using", p.using_expr},
          {"with_check", p.check_expr}};
}

json privilege_json(const Privilege& p) {
  return {{"object", name_json(p.object)}, {"object_type", p.object_type}, {"column", p.column},
          {"grantee", p.grantee},          {"privilege", p.privilege},     {"grantable", p.grantable}};
}

json trigger_json(const Trigger& t) {
  return {{"table", name_json(t.table)}, {"name", t.name}, {"definition", t.definition}};
}

}  // namespace

std::string render_catalog_json(const Catalog& catalog) {
  json out = {{"schemas", catalog.schemas}, {"tables", json::array()},    {"sequences", json::array()},
              {"functions", json::array()},  {"views", json::array()},     {"triggers", json::array()},
              {"policies", json::array()},  {"privileges", json::array()},
              {"dependencies", json::array()}};
  add_types_json(out, catalog);
  out["unmanaged"] = json::array();
  for (const auto& t : catalog.tables) out["tables"].push_back(table_json(t));
  for (const auto& s : catalog.sequences) out["sequences"].push_back(sequence_json(s));
  for (const auto& f : catalog.functions) out["functions"].push_back(function_json(f));
  for (const auto& v : catalog.views) out["views"].push_back(view_json(v));
  for (const auto& t : catalog.triggers) out["triggers"].push_back(trigger_json(t));
  for (const auto& p : catalog.policies) out["policies"].push_back(policy_json(p));
  for (const auto& p : catalog.privileges) out["privileges"].push_back(privilege_json(p));
  for (const auto& d : catalog.dependencies)
    out["dependencies"].push_back({{"dependent", d.dependent}, {"referenced", d.referenced}});
  add_comments_json(out, catalog);
  for (const auto& u : catalog.unmanaged) out["unmanaged"].push_back({{"kind", u.kind}, {"name", u.name}});
  return out.dump(2) + "\n";
}

}  // namespace schemactl::schema
