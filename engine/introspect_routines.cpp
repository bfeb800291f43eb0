#include "engine/introspect_routines.hpp"

#include <algorithm>
#include <unordered_map>

#include <fmt/core.h>
#include <pqxx/pqxx>

#include "engine/introspect_indexes.hpp"
#include "engine/introspect_sql.hpp"
#include "engine/text_array.hpp"
#include "schema/object_key.hpp"

namespace schemactl::engine {
namespace {

using introspect_sql::not_extension_member;
using introspect_sql::text;
using introspect_sql::text_array;
using introspect_sql::user_schema;

// Relations whose dependencies are tracked: tables (partitioned or not, partitions
// too), views, materialized views.
constexpr std::string_view managed_relation = "c.relkind IN ('r', 'p', 'v', 'm')";

std::string user_relation() {
  return fmt::format("{} AND {} AND {}", managed_relation, user_schema, not_extension_member("pg_class", "c.oid"));
}

std::string user_routine() {
  return fmt::format("p.prokind IN ('f', 'p') AND {} AND {}", user_schema, not_extension_member("pg_proc", "p.oid"));
}

}  // namespace

std::vector<schema::Function> read_functions(pqxx::transaction_base& txn, const std::string& excluded) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind = 'p', "
      "  pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), pg_get_functiondef(p.oid) "
      "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {} "
      "ORDER BY n.nspname COLLATE \"C\", p.proname COLLATE \"C\", pg_get_function_identity_arguments(p.oid) COLLATE \"C\"",
      user_routine()), excluded);
  std::vector<schema::Function> functions;
  for (const auto& row : rows) {
    functions.push_back({.name = {row[0].as<std::string>(), row[1].as<std::string>()},
                         .identity_arguments = text(row[2]),
                         .procedure = row[3].as<bool>(),
                         .arguments = text(row[4]),
                         .result = text(row[5]),
                         .definition = row[6].as<std::string>()});
  }
  return functions;
}

std::vector<schema::View> read_views(pqxx::transaction_base& txn, const std::string& excluded) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', c.reloptions, pg_get_viewdef(c.oid), "
      "  c.relispopulated, "
      "  ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
      "    AND NOT a.attisdropped ORDER BY a.attnum), "
      "  ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = c.oid "
      "    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('v', 'm') AND {} "
      "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"",
      user_relation()), excluded);
  std::vector<schema::View> views;
  std::unordered_map<pqxx::oid, std::size_t> materialized;
  for (const auto& row : rows) {
    schema::View view{.name = {row[1].as<std::string>(), row[2].as<std::string>()},
                      .materialized = row[3].as<bool>(),
                      .definition = row[5].as<std::string>(),
                      .populated = row[6].as<bool>()};
    if (!row[4].is_null()) view.options = text_array(row[4]);
    std::sort(view.options.begin(), view.options.end());
    auto names = text_array(row[7]);
    auto types = text_array(row[8]);
    for (std::size_t i = 0; i < names.size() && i < types.size(); ++i)
      view.columns.push_back({.name = names[i], .type = types[i]});
    if (view.materialized) materialized.emplace(row[0].as<pqxx::oid>(), views.size());
    views.push_back(std::move(view));
  }
  std::vector<std::string> oids;
  for (const auto& [oid, position] : materialized) oids.push_back(std::to_string(oid));
  for (auto& [oid, index] : read_indexes(txn, text_array_literal(oids)).of_relations)
    views[materialized.at(oid)].indexes.push_back(std::move(index));
  return views;
}

std::vector<schema::Trigger> read_triggers(pqxx::transaction_base& txn, const std::string& excluded) {
  // tgparentid: a partitioned table's trigger is cloned onto each partition.
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, c.relname, g.tgname, pg_get_triggerdef(g.oid) "
      "FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT g.tgisinternal AND g.tgparentid = 0 AND c.relkind IN ('r', 'p', 'v') AND {} AND {} "
      "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\", g.tgname COLLATE \"C\"",
      user_relation(), not_extension_member("pg_trigger", "g.oid")), excluded);
  std::vector<schema::Trigger> triggers;
  for (const auto& row : rows) {
    triggers.push_back({.table = {row[0].as<std::string>(), row[1].as<std::string>()},
                        .name = row[2].as<std::string>(),
                        .definition = row[3].as<std::string>()});
  }
  return triggers;
}

std::vector<schema::Dependency> read_dependencies(pqxx::transaction_base& txn, const std::string& excluded) {
  // Every managed object that pg_depend can name, as (catalog, oid, sub-id) ->
  // (key kind, schema, relation or routine name, part name, routine arguments).
  // A view's query is its _RETURN rule, a default is a pg_attrdef row; a view's
  // columns and a relation's row type stand for the relation. Names are text, not
  // 64-byte names: obj is hashed twice, 165,000 rows on 10,000 tables. The columns
  // are read once, for themselves and for their defaults.
  auto query = fmt::format(
      "WITH rel AS (SELECT c.oid, c.relkind, c.reltype, n.nspname::text, c.relname::text FROM pg_class c "
      "  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {0}), "
      "col AS (SELECT r.oid, r.relkind, r.nspname, r.relname, a.attnum, a.attname::text AS attname "
      "  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped), "
      "obj(classid, objid, objsubid, kind, nsp, name, part, args) AS ("
      "  SELECT 'pg_class'::regclass::oid, oid, 0, 'rel', nspname, relname, NULL::text, NULL::text FROM rel "
      "  UNION ALL SELECT 'pg_class'::regclass::oid, oid, attnum, "
      "    CASE WHEN relkind IN ('r', 'p') THEN 'col' ELSE 'rel' END, nspname, relname, "
      "    CASE WHEN relkind IN ('r', 'p') THEN attname END, NULL "
      "  FROM col "
      "  UNION ALL SELECT 'pg_type'::regclass::oid, reltype, 0, 'rel', nspname, relname, NULL, NULL FROM rel "
      "  UNION ALL SELECT 'pg_rewrite'::regclass::oid, w.oid, 0, 'rel', r.nspname, r.relname, NULL, NULL "
      "  FROM pg_rewrite w JOIN rel r ON r.oid = w.ev_class AND w.rulename = '_RETURN' "
      "  UNION ALL SELECT 'pg_attrdef'::regclass::oid, d.oid, 0, 'col', c.nspname, c.relname, c.attname, NULL "
      "  FROM pg_attrdef d JOIN col c ON c.oid = d.adrelid AND c.attnum = d.adnum "
      "  UNION ALL SELECT 'pg_constraint'::regclass::oid, k.oid, 0, 'constraint', r.nspname, r.relname, k.conname, NULL "
      "  FROM pg_constraint k JOIN rel r ON r.oid = k.conrelid "
      "  UNION ALL SELECT 'pg_trigger'::regclass::oid, g.oid, 0, 'trigger', r.nspname, r.relname, g.tgname, NULL "
      "  FROM pg_trigger g JOIN rel r ON r.oid = g.tgrelid WHERE NOT g.tgisinternal "
      "  UNION ALL SELECT 'pg_policy'::regclass::oid, o.oid, 0, 'policy', r.nspname, r.relname, o.polname, NULL "
      "  FROM pg_policy o JOIN rel r ON r.oid = o.polrelid "
      "  UNION ALL SELECT 'pg_proc'::regclass::oid, p.oid, 0, 'func', n.nspname, p.proname, NULL, "
      "    pg_get_function_identity_arguments(p.oid) "
      "  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {1}) "
      "SELECT d.kind, d.nsp, d.name, d.part, d.args, r.kind, r.nsp, r.name, r.part, r.args "
      "FROM pg_depend dep "
      "JOIN obj d ON d.classid = dep.classid AND d.objid = dep.objid AND d.objsubid = dep.objsubid "
      "JOIN obj r ON r.classid = dep.refclassid AND r.objid = dep.refobjid AND r.objsubid = dep.refobjsubid "
      "WHERE dep.deptype IN ('n', 'a')",
      user_relation(), user_routine());
  auto key = [](const pqxx::row& row, pqxx::row::size_type at) {
    std::string kind = row[at].as<std::string>();
    schema::QualifiedName name{text(row[at + 1]), text(row[at + 2])};
    std::string part = text(row[at + 3]);
    if (kind == "col") return schema::column_key(name, part);
    if (kind == "constraint") return schema::constraint_key(name, part);
    if (kind == "trigger") return schema::trigger_key(name, part);
    if (kind == "policy") return schema::policy_key(name, part);
    if (kind == "func") return schema::function_key(name, text(row[at + 4]));
    return schema::relation_key(name);
  };
  std::vector<schema::Dependency> dependencies;
  for (const auto& row : txn.exec_params(query, excluded)) {
    schema::Dependency dependency{key(row, 0), key(row, 5)};
    if (dependency.dependent != dependency.referenced) dependencies.push_back(std::move(dependency));
  }
  std::sort(dependencies.begin(), dependencies.end());
  dependencies.erase(std::unique(dependencies.begin(), dependencies.end()), dependencies.end());
  return dependencies;
}

}  // namespace schemactl::engine
