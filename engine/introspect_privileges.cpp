#include "engine/introspect_privileges.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/core.h>

#include "engine/introspect_sql.hpp"

namespace schemactl::engine {
namespace {

using introspect_sql::not_extension_member;
using introspect_sql::user_schema;

// One row per grantee and privilege of an aclitem[] (`acl`), whoever granted it:
// schema, name, TABLE|SEQUENCE, column (or ''), grantee, privilege, grantable.
// Grantee 0 is PUBLIC; the relation's owner is left out.
std::string privileges_query(std::string_view column, std::string_view acl, std::string_view from,
                             std::string_view relkinds) {
  return fmt::format(
      "SELECT n.nspname, c.relname, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, {0}, "
      "  CASE WHEN p.grantee = 0 THEN 'PUBLIC' ELSE coalesce(r.rolname::text, p.grantee::text) END, "
      "  p.privilege_type, bool_or(p.is_grantable) "
      "FROM {2} JOIN pg_namespace n ON n.oid = c.relnamespace "
      "CROSS JOIN LATERAL aclexplode({1}) p LEFT JOIN pg_roles r ON r.oid = p.grantee "
      "WHERE c.relkind IN ({3}) AND NOT c.relispartition AND p.grantee <> c.relowner AND {4} AND {5} "
      "GROUP BY 1, 2, 3, 4, 5, 6",
      column, acl, from, relkinds, user_schema, not_extension_member("pg_class", "c.oid"));
}

void read_into(pqxx::transaction_base& txn, const std::string& query, const std::string& excluded,
               std::vector<schema::Privilege>& out) {
  for (const auto& row : txn.exec_params(query, excluded)) {
    out.push_back({.object = {row[0].as<std::string>(), row[1].as<std::string>()},
                   .object_type = row[2].as<std::string>(),
                   .column = row[3].as<std::string>(),
                   .grantee = row[4].as<std::string>(),
                   .privilege = row[5].as<std::string>(),
                   .grantable = row[6].as<bool>()});
  }
}

}  // namespace

std::vector<schema::Privilege> read_privileges(pqxx::transaction_base& txn, const std::string& excluded) {
  std::vector<schema::Privilege> privileges;
  read_into(txn, privileges_query("''", "c.relacl", "pg_class c", "'r', 'v', 'm', 'S'"), excluded, privileges);
  read_into(txn,
            privileges_query("a.attname::text", "a.attacl",
                             "pg_attribute a JOIN pg_class c ON c.oid = a.attrelid AND a.attnum > 0 AND NOT a.attisdropped",
                             "'r', 'v', 'm'"),
            excluded, privileges);
  // Byte order, as COLLATE "C".
  std::sort(privileges.begin(), privileges.end(), [](const schema::Privilege& a, const schema::Privilege& b) {
    return std::tie(a.object.schema, a.object.name, a.column, a.grantee, a.privilege) <
           std::tie(b.object.schema, b.object.name, b.column, b.grantee, b.privilege);
  });
  return privileges;
}

}  // namespace schemactl::engine
