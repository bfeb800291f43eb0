#include "engine/introspect_types.hpp"

#include <fmt/core.h>

#include "engine/introspect_sql.hpp"
#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

using namespace introspect_sql;

// A user type that no extension owns; t is pg_type, n its namespace.
std::string user_type(std::string_view typtype) {
  return fmt::format("t.typtype = '{}' AND {} AND {}", typtype, user_schema, not_extension_member("pg_type", "t.oid"));
}

constexpr std::string_view by_type_name = "ORDER BY n.nspname COLLATE \"C\", t.typname COLLATE \"C\"";

// A collation read as (schema, name) columns: empty when it is the type's default.
std::string collation(const pqxx::field& schema_name, const pqxx::field& name) {
  return name.is_null() ? std::string{} : schema::quote_name({text(schema_name), text(name)});
}

std::vector<schema::Extension> read_extensions(Txn& txn, const std::string& excluded) {
  // plpgsql lives in pg_catalog, so the extensions every database has are left out.
  auto rows = txn.exec_params(fmt::format(
      "SELECT e.extname, n.nspname, e.extversion FROM pg_extension e "
      "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE {} ORDER BY e.extname COLLATE \"C\"",
      user_schema), excluded);
  std::vector<schema::Extension> extensions;
  for (const auto& row : rows)
    extensions.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()});
  return extensions;
}

std::vector<schema::EnumType> read_enums(Txn& txn, const std::string& excluded) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, t.typname, "
      "  ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {} {}",
      user_type("e"), by_type_name), excluded);
  std::vector<schema::EnumType> enums;
  for (const auto& row : rows)
    enums.push_back({{row[0].as<std::string>(), row[1].as<std::string>()}, text_array(row[2])});
  return enums;
}

std::vector<schema::Domain> read_domains(Txn& txn, const std::string& excluded) {
  // Constraints come as three arrays in the same (name) order. NOT NULL is typnotnull,
  // not a constraint row (before PostgreSQL 17), so only CHECKs are read.
  constexpr std::string_view constraints =
      "ARRAY(SELECT {} FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' "
      "ORDER BY c.conname COLLATE \"C\")";
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), cn.nspname, co.collname, "
      "  pg_get_expr(t.typdefaultbin, 0), t.typnotnull, {}, {}, {} "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
      "JOIN pg_type b ON b.oid = t.typbasetype "
      "LEFT JOIN pg_collation co ON co.oid = t.typcollation AND t.typcollation <> b.typcollation "
      "LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
      "WHERE {} {}",
      fmt::format(fmt::runtime(constraints), "c.conname"),
      fmt::format(fmt::runtime(constraints), "pg_get_constraintdef(c.oid)"),
      fmt::format(fmt::runtime(constraints), "c.convalidated::text"), user_type("d"), by_type_name), excluded);
  std::vector<schema::Domain> domains;
  for (const auto& row : rows) {
    schema::Domain domain{.name = {row[0].as<std::string>(), row[1].as<std::string>()},
                          .base_type = row[2].as<std::string>(),
                          .collation = collation(row[3], row[4]),
                          .default_expr = text(row[5]),
                          .not_null = row[6].as<bool>()};
    auto names = text_array(row[7]);
    auto definitions = text_array(row[8]);
    auto validated = text_array(row[9]);
    for (std::size_t i = 0; i < names.size(); ++i)
      domain.constraints.push_back({names[i], definitions.at(i), validated.at(i) == "true"});
    domains.push_back(std::move(domain));
  }
  return domains;
}

std::vector<schema::CompositeType> read_composite_types(Txn& txn, const std::string& excluded) {
  // A composite type made by CREATE TYPE has a pg_class row of relkind 'c' (a table's
  // row type has the table's relkind); its extension membership is recorded on that
  // row. One row per attribute; a type without attributes gives one row of NULLs.
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, t.typname, a.attname, format_type(a.atttypid, a.atttypmod), cn.nspname, co.collname "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
      "JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c' "
      "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
      "LEFT JOIN pg_type at ON at.oid = a.atttypid "
      "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> at.typcollation "
      "LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
      "WHERE {} AND {} {}, a.attnum",
      user_type("c"), not_extension_member("pg_class", "c.oid"), by_type_name), excluded);
  std::vector<schema::CompositeType> types;
  for (const auto& row : rows) {
    schema::QualifiedName name{row[0].as<std::string>(), row[1].as<std::string>()};
    if (types.empty() || types.back().name != name) types.push_back({name, {}});
    if (!row[2].is_null())
      types.back().attributes.push_back({row[2].as<std::string>(), row[3].as<std::string>(), collation(row[4], row[5])});
  }
  return types;
}

}  // namespace

void read_types(Txn& txn, const std::string& excluded, schema::Catalog& catalog) {
  catalog.extensions = read_extensions(txn, excluded);
  catalog.enums = read_enums(txn, excluded);
  catalog.domains = read_domains(txn, excluded);
  catalog.composite_types = read_composite_types(txn, excluded);
}

}  // namespace schemactl::engine
