#include "schema/catalog_json.hpp"

#include <nlohmann/json.hpp>

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

json table_json(const Table& t) {
  json out = name_json(t.name);
  out["columns"] = json::array();
  for (const auto& c : t.columns) out["columns"].push_back(column_json(c));
  out["constraints"] = json::array();
  for (const auto& c : t.constraints) out["constraints"].push_back(constraint_json(c));
  out["indexes"] = json::array();
  for (const auto& i : t.indexes) {
    out["indexes"].push_back({{"name", i.name}, {"definition", i.definition}, {"unique", i.unique}, {"valid", i.valid}});
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

}  // namespace

std::string render_catalog_json(const Catalog& catalog) {
  json out = {{"schemas", catalog.schemas}, {"tables", json::array()}, {"sequences", json::array()}};
  add_types_json(out, catalog);
  out["unmanaged"] = json::array();
  for (const auto& t : catalog.tables) out["tables"].push_back(table_json(t));
  for (const auto& s : catalog.sequences) out["sequences"].push_back(sequence_json(s));
  for (const auto& u : catalog.unmanaged) out["unmanaged"].push_back({{"kind", u.kind}, {"name", u.name}});
  return out.dump(2) + "\n";
}

}  // namespace schemactl::schema
