// The rules for row-level security and policies, on catalogs built by hand. (Every
// rule is also proven on a real database by the rls_* and policy_* scenarios.)
#include <catch2/catch.hpp>

#include "planner/plan.hpp"
#include "support/plan_sql.hpp"

using namespace schemactl;

namespace {

using testing::sql_of;

schema::Policy policy() {
  return {.table = {"My App", "Orders"}, .name = "Own Rows", .roles = {"PUBLIC"}, .using_expr = "(owner = CURRENT_USER)"};
}

schema::Catalog orders(std::vector<schema::Policy> policies = {}, schema::RowSecurity row_security = {}) {
  schema::Catalog catalog;
  catalog.schemas = {"My App", "public"};
  catalog.tables = {{.name = {"My App", "Orders"},
                     .columns = {{.name = "owner", .type = "name"}},
                     .row_security = row_security}};
  catalog.policies = std::move(policies);
  return catalog;
}

}  // namespace

TEST_CASE("row-level security is enabled after the new policies exist, all AUTHZ_UPDATE", "[plan][policy]") {
  auto plan = planner::plan_changes(orders(), orders({policy()}, {true, true}));
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "CREATE POLICY \"Own Rows\" ON \"My App\".\"Orders\" AS PERMISSIVE FOR ALL TO PUBLIC "
                            "USING ((owner = CURRENT_USER))",
                            "ALTER TABLE \"My App\".\"Orders\" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY",
                        });
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::authz_update});
  CHECK(plan.summary == std::vector<std::string>{
                            "~ row-level security of \"My App\".\"Orders\": enabled, forced",
                            "+ policy \"Own Rows\" on \"My App\".\"Orders\""});
}

TEST_CASE("a policy's roles and expressions change in place; its command by drop and create", "[plan][policy]") {
  auto roles = policy();
  roles.roles = {"pg_monitor", "select"};
  roles.check_expr = "true";
  CHECK(sql_of(planner::plan_changes(orders({policy()}), orders({roles}))) ==
        std::vector<std::string>{"ALTER POLICY \"Own Rows\" ON \"My App\".\"Orders\" TO pg_monitor, \"select\" "
                                 "USING ((owner = CURRENT_USER)) WITH CHECK (true)"});

  // ALTER POLICY cannot take WITH CHECK away.
  CHECK(sql_of(planner::plan_changes(orders({roles}), orders({policy()})))[0].starts_with(
      "DROP POLICY \"Own Rows\" ON \"My App\".\"Orders\";\nCREATE POLICY"));

  auto restrictive = policy();
  restrictive.permissive = false;
  restrictive.command = "DELETE";
  CHECK(sql_of(planner::plan_changes(orders({policy()}), orders({restrictive}))) ==
        std::vector<std::string>{"DROP POLICY \"Own Rows\" ON \"My App\".\"Orders\";\n"
                                 "CREATE POLICY \"Own Rows\" ON \"My App\".\"Orders\" AS RESTRICTIVE FOR DELETE TO "
                                 "PUBLIC USING ((owner = CURRENT_USER))"});
}

TEST_CASE("row-level security is disabled before the deploy, its policies dropped after", "[plan][policy]") {
  auto plan = planner::plan_changes(orders({policy()}, {true, false}), orders());
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].step.sql == "ALTER TABLE \"My App\".\"Orders\" DISABLE ROW LEVEL SECURITY");
  CHECK(plan.steps[0].phase == planner::Phase::expand);
  CHECK(plan.steps[1].step.sql == "DROP POLICY \"Own Rows\" ON \"My App\".\"Orders\"");
  CHECK(plan.steps[1].phase == planner::Phase::contract);
}
