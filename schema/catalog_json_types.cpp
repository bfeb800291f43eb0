#include "schema/catalog_json_types.hpp"

namespace schemactl::schema {
namespace {

using json = nlohmann::ordered_json;

json with_collation(json out, const std::string& collation) {
  if (!collation.empty()) out["collation"] = collation;
  return out;
}

json domain_json(const Domain& d) {
  json out = with_collation({{"schema", d.name.schema}, {"name", d.name.name}, {"type", d.base_type},
                             {"not_null", d.not_null}},
                            d.collation);
  if (!d.default_expr.empty()) out["default"] = d.default_expr;
  out["constraints"] = json::array();
  for (const auto& c : d.constraints)
    out["constraints"].push_back({{"name", c.name}, {"definition", c.definition}, {"validated", c.validated}});
  return out;
}

json composite_json(const CompositeType& t) {
  json out = {{"schema", t.name.schema}, {"name", t.name.name}, {"attributes", json::array()}};
  for (const auto& a : t.attributes)
    out["attributes"].push_back(with_collation({{"name", a.name}, {"type", a.type}}, a.collation));
  return out;
}

}  // namespace

void add_types_json(json& out, const Catalog& catalog) {
  out["extensions"] = json::array();
  for (const auto& e : catalog.extensions)
    out["extensions"].push_back({{"name", e.name}, {"schema", e.schema}, {"version", e.version}});
  out["enums"] = json::array();
  for (const auto& e : catalog.enums)
    out["enums"].push_back({{"schema", e.name.schema}, {"name", e.name.name}, {"values", e.values}});
  out["domains"] = json::array();
  for (const auto& d : catalog.domains) out["domains"].push_back(domain_json(d));
  out["composite_types"] = json::array();
  for (const auto& t : catalog.composite_types) out["composite_types"].push_back(composite_json(t));
}

}  // namespace schemactl::schema
