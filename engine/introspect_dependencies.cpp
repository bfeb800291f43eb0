#include "engine/introspect_dependencies.hpp"

#include <algorithm>
#include <optional>

#include <fmt/core.h>
#include <pqxx/pqxx>

#include "engine/introspect_sql.hpp"
#include "schema/object_key.hpp"

namespace schemactl::engine {
namespace {

// The system catalogs' own oids, fixed since PostgreSQL 7 (src/include/catalog/pg_*.h).
constexpr pqxx::oid pg_type = 1247;
constexpr pqxx::oid pg_proc = 1255;
constexpr pqxx::oid pg_class = 1259;
constexpr pqxx::oid pg_attrdef = 2604;
constexpr pqxx::oid pg_constraint = 2606;
constexpr pqxx::oid pg_rewrite = 2618;
constexpr pqxx::oid pg_trigger = 2620;
constexpr pqxx::oid pg_policy = 3256;

std::uint64_t pair_id(std::uint32_t high, std::uint32_t low) { return std::uint64_t{high} << 32 | low; }

}  // namespace

DependencyRows read_dependency_rows(pqxx::transaction_base& txn) {
  DependencyRows result;
  auto rows = txn.exec(fmt::format(
      "SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid FROM pg_depend d "
      "WHERE d.deptype IN ('n', 'a') AND d.classid IN ({0}) AND d.refclassid IN ({0})",
      fmt::format("{}, {}, {}, {}, {}, {}, {}, {}", pg_type, pg_proc, pg_class, pg_attrdef, pg_constraint, pg_rewrite,
                  pg_trigger, pg_policy)));
  result.rows.reserve(rows.size());
  for (const auto& row : rows) {
    introspect_sql::RowFields fields(row);
    result.rows.emplace_back(
        CatalogAddress{fields.as<pqxx::oid>(0), fields.as<pqxx::oid>(1), fields.as<std::int32_t>(2)},
        CatalogAddress{fields.as<pqxx::oid>(3), fields.as<pqxx::oid>(4), fields.as<std::int32_t>(5)});
  }
  // A relation's row type, a view's query (its _RETURN rule) and a default stand for
  // the relation or column they belong to.
  auto owners = txn.exec(fmt::format(
      "SELECT {}::oid, c.reltype, 'r', c.oid, 0, NULL::name FROM pg_class c "
      "  WHERE c.relkind IN ('r', 'p', 'v', 'm') AND c.reltype <> 0 "
      "UNION ALL SELECT {}, w.oid, 'r', w.ev_class, 0, NULL FROM pg_rewrite w WHERE w.rulename = '_RETURN' "
      "UNION ALL SELECT {}, d.oid, 'c', d.adrelid, d.adnum, NULL FROM pg_attrdef d "
      "UNION ALL SELECT {}, k.oid, 'k', k.conrelid, 0, k.conname FROM pg_constraint k WHERE k.conrelid <> 0 "
      "UNION ALL SELECT {}, g.oid, 't', g.tgrelid, 0, g.tgname FROM pg_trigger g WHERE NOT g.tgisinternal "
      "UNION ALL SELECT {}, o.oid, 'p', o.polrelid, 0, o.polname FROM pg_policy o",
      pg_type, pg_rewrite, pg_attrdef, pg_constraint, pg_trigger, pg_policy));
  result.owners.reserve(owners.size());
  for (const auto& row : owners) {
    introspect_sql::RowFields fields(row);
    AddressOwner owner{.kind = fields.c_str(2)[0],
                       .relation = fields.as<pqxx::oid>(3),
                       .column = fields.as<std::int32_t>(4),
                       .name = fields.text(5)};
    result.owners.emplace(pair_id(fields.as<pqxx::oid>(0), fields.as<pqxx::oid>(1)), std::move(owner));
  }
  return result;
}

namespace {

// The key of the object at `address`, or none when it is not a managed one.
std::optional<std::string> key_of(const CatalogAddress& address, const DependencyRows& rows,
                                  const ObjectNames& names) {
  if (address.catalog == pg_proc) {
    auto function = names.functions.find(address.oid);
    if (function == names.functions.end()) return std::nullopt;
    return function->second;
  }
  AddressOwner owner;
  const AddressOwner* of = &owner;
  if (address.catalog == pg_class) {
    owner = {.kind = address.column > 0 ? 'c' : 'r', .relation = address.oid, .column = address.column};
  } else {
    auto found = rows.owners.find(pair_id(address.catalog, address.oid));
    if (found == rows.owners.end()) return std::nullopt;
    of = &found->second;
  }
  const schema::QualifiedName* relation = names.relation(of->relation);
  if (!relation) return std::nullopt;
  bool table = names.tables.contains(of->relation);
  switch (of->kind) {
    case 'c': {
      // A view's columns stand for the view; its defaults (ALTER VIEW … SET DEFAULT) are columns.
      if (!table && address.catalog == pg_class) return schema::relation_key(*relation);
      const ColumnFacts* column = names.column(of->relation, of->column);
      if (!column) return std::nullopt;
      return schema::column_key(*relation, column->name);
    }
    case 'k': return schema::constraint_key(*relation, of->name);
    case 't': return schema::trigger_key(*relation, of->name);
    case 'p': return schema::policy_key(*relation, of->name);
    default: return schema::relation_key(*relation);
  }
}

}  // namespace

std::vector<schema::Dependency> name_dependencies(const DependencyRows& rows, const ObjectNames& names) {
  std::vector<schema::Dependency> dependencies;
  for (const auto& [dependent, referenced] : rows.rows) {
    auto dependent_key = key_of(dependent, rows, names);
    if (!dependent_key) continue;
    auto referenced_key = key_of(referenced, rows, names);
    if (!referenced_key || *referenced_key == *dependent_key) continue;
    dependencies.push_back({std::move(*dependent_key), std::move(*referenced_key)});
  }
  std::sort(dependencies.begin(), dependencies.end());
  dependencies.erase(std::unique(dependencies.begin(), dependencies.end()), dependencies.end());
  return dependencies;
}

}  // namespace schemactl::engine
