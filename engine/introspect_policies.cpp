#include "engine/introspect_policies.hpp"

#include "engine/introspect_sql.hpp"

namespace schemactl::engine {

std::vector<schema::Policy> read_policies(pqxx::transaction_base& txn, const std::string& table_oids) {
  // polroles holds 0 for PUBLIC. Role names sort with "C" so that equal sets are equal.
  auto rows = txn.exec_params(
      "SELECT n.nspname, c.relname, p.polname, p.polpermissive, "
      "  CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE' "
      "    WHEN 'd' THEN 'DELETE' ELSE 'ALL' END, "
      "  ARRAY(SELECT r.name FROM (SELECT CASE WHEN u.role = 0 THEN 'PUBLIC' ELSE a.rolname::text END AS name "
      "    FROM unnest(p.polroles) u(role) LEFT JOIN pg_roles a ON a.oid = u.role) r ORDER BY r.name COLLATE \"C\"), "
      "  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid) "
      "FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE p.polrelid = ANY ($1::oid[]) "
      "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\", p.polname COLLATE \"C\"",
      table_oids);
  std::vector<schema::Policy> policies;
  for (const auto& row : rows) {
    policies.push_back({.table = {row[0].as<std::string>(), row[1].as<std::string>()},
                        .name = row[2].as<std::string>(),
                        .permissive = row[3].as<bool>(),
                        .command = row[4].as<std::string>(),
                        .roles = introspect_sql::text_array(row[5]),
                        .using_expr = introspect_sql::text(row[6]),
                        .check_expr = introspect_sql::text(row[7])});
  }
  return policies;
}

}  // namespace schemactl::engine
