#include "schema/ddl_policies.hpp"

#include <fmt/core.h>

#include "schema/names.hpp"

namespace schemactl::schema {
namespace {

std::string roles_sql(const Policy& policy) {
  std::string sql;
  for (const auto& role : policy.roles) sql += (sql.empty() ? "" : ", ") + (role == "PUBLIC" ? role : quote_ident(role));
  return sql;
}

std::string expressions_sql(const Policy& policy) {
  std::string sql;
  if (!policy.using_expr.empty()) sql += " USING (" + policy.using_expr + ")";
  if (!policy.check_expr.empty()) sql += " WITH CHECK (" + policy.check_expr + ")";
  return sql;
}

std::string on(const Policy& policy) { return quote_ident(policy.name) + " ON " + quote_name(policy.table); }

}  // namespace

std::string create_policy_sql(const Policy& policy) {
  return fmt::format("CREATE POLICY {} AS {} FOR {} TO {}{}", on(policy), policy.permissive ? "PERMISSIVE" : "RESTRICTIVE",
                     policy.command, roles_sql(policy), expressions_sql(policy));
}

std::string drop_policy_sql(const Policy& policy) { return "DROP POLICY " + on(policy); }

std::string alter_policy_sql(const Policy& to) {
  return fmt::format("ALTER POLICY {} TO {}{}", on(to), roles_sql(to), expressions_sql(to));
}

std::string row_security_sql(const QualifiedName& table, const RowSecurity& from, const RowSecurity& to) {
  std::vector<std::string> actions;
  if (from.enabled != to.enabled) actions.push_back(to.enabled ? "ENABLE ROW LEVEL SECURITY" : "DISABLE ROW LEVEL SECURITY");
  if (from.forced != to.forced) actions.push_back(to.forced ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY");
  if (actions.empty()) return {};
  std::string sql = "ALTER TABLE " + quote_name(table);
  for (std::size_t i = 0; i < actions.size(); ++i) sql += (i ? ", " : " ") + actions[i];
  return sql;
}

std::string label(const Policy& policy) {
  return "policy " + quote_ident(policy.name) + " on " + quote_name(policy.table);
}

std::vector<std::string> row_security_statements(const Catalog& catalog) {
  std::vector<std::string> statements;
  for (const auto& table : catalog.tables)
    if (auto sql = row_security_sql(table.name, {}, table.row_security); !sql.empty()) statements.push_back(std::move(sql));
  for (const auto& policy : catalog.policies) statements.push_back(create_policy_sql(policy));
  return statements;
}

}  // namespace schemactl::schema
