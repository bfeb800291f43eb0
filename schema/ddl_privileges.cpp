#include "schema/ddl_privileges.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "schema/names.hpp"

namespace schemactl::schema {
namespace {

// "SELECT" or "SELECT (email)"
std::string privilege_and_column(const Privilege& privilege) {
  return privilege.column.empty() ? privilege.privilege : privilege.privilege + " (" + quote_ident(privilege.column) + ")";
}

// "SELECT (email) ON TABLE public.t"
std::string what(const Privilege& privilege) {
  return fmt::format("{} ON {} {}", privilege_and_column(privilege), privilege.object_type, quote_name(privilege.object));
}

}  // namespace

std::string grantee_sql(const std::string& grantee) { return grantee == "PUBLIC" ? grantee : quote_ident(grantee); }

std::string grant_sql(const Privilege& privilege) {
  return fmt::format("GRANT {} TO {}{}", what(privilege), grantee_sql(privilege.grantee),
                     privilege.grantable ? " WITH GRANT OPTION" : "");
}

std::string revoke_sql(const Privilege& privilege) {
  return fmt::format("REVOKE {} FROM {}", what(privilege), grantee_sql(privilege.grantee));
}

std::string revoke_grant_option_sql(const Privilege& privilege) {
  return fmt::format("REVOKE GRANT OPTION FOR {} FROM {}", what(privilege), grantee_sql(privilege.grantee));
}

std::string label(const Privilege& privilege) {
  return fmt::format("{} on {} to {}{}", privilege_and_column(privilege), quote_name(privilege.object),
                     grantee_sql(privilege.grantee), privilege.grantable ? " with grant option" : "");
}

std::vector<std::string> grantees(const Catalog& catalog) {
  std::vector<std::string> roles;
  for (const auto& privilege : catalog.privileges)
    if (privilege.grantee != "PUBLIC") roles.push_back(privilege.grantee);
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  return roles;
}

std::vector<std::string> privilege_statements(const Catalog& catalog) {
  std::vector<std::string> statements;
  for (const auto& privilege : catalog.privileges) statements.push_back(grant_sql(privilege));
  return statements;
}

}  // namespace schemactl::schema
