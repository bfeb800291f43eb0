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

using introspect_sql::integer_array;
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

std::vector<schema::Function> read_functions(pqxx::transaction_base& txn, const std::string& excluded,
                                             ObjectNames& names) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), p.prokind = 'p', "
      "  pg_get_function_arguments(p.oid), pg_get_function_result(p.oid), pg_get_functiondef(p.oid), p.oid "
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
    names.functions.emplace(row[7].as<pqxx::oid>(), schema::function_key(functions.back()));
  }
  return functions;
}

std::vector<schema::View> read_views(pqxx::transaction_base& txn, const std::string& excluded, ObjectNames& names) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', c.reloptions, pg_get_viewdef(c.oid), "
      "  c.relispopulated, "
      "  ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 "
      "    AND NOT a.attisdropped ORDER BY a.attnum), "
      "  ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = c.oid "
      "    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), "
      "  ARRAY(SELECT a.atttypid FROM pg_attribute a WHERE a.attrelid = c.oid "
      "    AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), "
      "  ARRAY(SELECT a.attcollation FROM pg_attribute a WHERE a.attrelid = c.oid "
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
    auto oid = row[0].as<pqxx::oid>();
    auto column_names = text_array(row[7]);
    auto types = text_array(row[8]);
    auto type_oids = integer_array(row[9].c_str());
    auto collations = integer_array(row[10].c_str());
    // A view's columns cannot be dropped: they are numbered from 1, in order.
    for (std::size_t i = 0; i < column_names.size() && i < types.size(); ++i) {
      view.columns.push_back({.name = column_names[i], .type = types[i]});
      names.add_column(oid, static_cast<std::int32_t>(i + 1),
                       {column_names[i], static_cast<pqxx::oid>(type_oids.at(i)),
                        static_cast<pqxx::oid>(collations.at(i))});
    }
    names.views.emplace(oid, view.name);
    if (view.materialized) materialized.emplace(oid, views.size());
    views.push_back(std::move(view));
  }
  std::vector<std::string> oids;
  for (const auto& [oid, position] : materialized) oids.push_back(std::to_string(oid));
  for (auto& [oid, index] : build_indexes(txn, read_index_rows(txn, text_array_literal(oids)), names).of_relations)
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

}  // namespace schemactl::engine
