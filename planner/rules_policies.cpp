#include "planner/rules_policies.hpp"

#include "schema/ddl_policies.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;

std::string policy_object(const schema::Policy& policy) {
  return schema::quote_name(policy.table) + "." + schema::quote_ident(policy.name);
}

// ALTER POLICY changes the roles and the expressions, but cannot take an expression
// away, nor change the command or AS PERMISSIVE|RESTRICTIVE.
bool alterable(const schema::Policy& a, const schema::Policy& b) {
  return a.permissive == b.permissive && a.command == b.command && (b.using_expr.size() || a.using_expr.empty()) &&
         (b.check_expr.size() || a.check_expr.empty());
}

}  // namespace

void plan_policy_change(const engine::RowSecurityChanged& c, StagedSteps& out) {
  add_step(out, Stage::alter_row_security, schema::row_security_sql(c.table, c.from, c.to), TxMode::shared,
           schema::quote_name(c.table),
           c.to.enabled && !c.from.enabled ? "after the table's policies exist, so no moment passes with rows hidden"
                                           : "metadata only; takes a brief lock",
           {Hazard::authz_update});
}

void plan_policy_change(const engine::PolicyAdded& c, StagedSteps& out) {
  add_step(out, Stage::create_policy, schema::create_policy_sql(c.object), TxMode::shared, policy_object(c.object),
           "after the functions and columns it uses; takes a brief lock", {Hazard::authz_update});
}

void plan_policy_change(const engine::PolicyChanged& c, StagedSteps& out) {
  if (alterable(c.from, c.to)) {
    add_step(out, Stage::create_policy, schema::alter_policy_sql(c.to), TxMode::shared, policy_object(c.to),
             "ALTER POLICY: roles and expressions change in place", {Hazard::authz_update});
    return;
  }
  add_step(out, Stage::create_policy, schema::drop_policy_sql(c.from) + ";\n" + schema::create_policy_sql(c.to),
           TxMode::shared, policy_object(c.to),
           "its command or kind changes, or an expression goes: dropped and created in one transaction, so no "
           "query runs without it",
           {Hazard::authz_update});
}

void plan_policy_change(const engine::PolicyDropped& c, StagedSteps& out) {
  add_step(out, Stage::drop_policy, schema::drop_policy_sql(c.object), TxMode::shared, policy_object(c.object),
           "old code may rely on it, so after the deploy", {Hazard::authz_update});
}

}  // namespace schemactl::planner
