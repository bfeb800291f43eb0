#include "planner/rules_privileges.hpp"

#include "planner/preflight_checks.hpp"
#include "schema/ddl_privileges.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;

std::string privilege_object(const schema::Privilege& privilege) {
  std::string object = schema::quote_name(privilege.object);
  return privilege.column.empty() ? object : object + "." + schema::quote_ident(privilege.column);
}

void add_grant(const schema::Privilege& privilege, std::string why, StagedSteps& out) {
  add_step(out, Stage::grant_privilege, schema::grant_sql(privilege), TxMode::shared, privilege_object(privilege),
           std::move(why), {Hazard::authz_update});
  if (privilege.grantee != "PUBLIC") out.back().planned.step.preflight.push_back(role_exists(privilege.grantee));
}

}  // namespace

void plan_privilege_change(const engine::PrivilegeGranted& c, StagedSteps& out) {
  add_grant(c.object, "after the object it is on exists", out);
}

void plan_privilege_change(const engine::PrivilegeRevoked& c, StagedSteps& out) {
  add_step(out, Stage::revoke_privilege, schema::revoke_sql(c.object), TxMode::shared, privilege_object(c.object),
           "old code may rely on it, so after the deploy", {Hazard::authz_update});
}

void plan_privilege_change(const engine::GrantOptionChanged& c, StagedSteps& out) {
  if (c.to.grantable) {
    add_grant(c.to, "adds the grant option", out);
    return;
  }
  add_step(out, Stage::revoke_privilege, schema::revoke_grant_option_sql(c.to), TxMode::shared,
           privilege_object(c.to), "the privilege stays; old code may rely on the grant option, so after the deploy",
           {Hazard::authz_update});
}

}  // namespace schemactl::planner
