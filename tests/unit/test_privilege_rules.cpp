// The rules for table and column privileges, on catalogs built by hand. (Every rule
// is also proven on a real database by the privileges_* scenarios.)
#include <catch2/catch.hpp>

#include "planner/plan.hpp"
#include "schema/ddl.hpp"
#include "support/plan_sql.hpp"

using namespace schemactl;

namespace {

using testing::sql_of;

schema::Table orders_table() {
  return {.name = {"My App", "Orders"}, .columns = {{.name = "id", .type = "bigint"}, {.name = "Note", .type = "text"}}};
}

schema::Privilege on_orders(std::string grantee, std::string privilege, std::string column = "") {
  return {.object = {"My App", "Orders"}, .column = std::move(column), .grantee = std::move(grantee),
          .privilege = std::move(privilege)};
}

schema::Catalog orders(std::vector<schema::Privilege> privileges = {}) {
  schema::Catalog catalog;
  catalog.schemas = {"My App", "public"};
  catalog.tables = {orders_table()};
  catalog.privileges = std::move(privileges);
  return catalog;
}

}  // namespace

TEST_CASE("grants are quoted, AUTHZ_UPDATE, and check first that their role exists", "[plan][privileges]") {
  auto plan = planner::plan_changes(orders(), orders({on_orders("Report Readers", "SELECT"),
                                                      on_orders("PUBLIC", "SELECT", "Note")}));
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "GRANT SELECT ON TABLE \"My App\".\"Orders\" TO \"Report Readers\"",
                            "GRANT SELECT (\"Note\") ON TABLE \"My App\".\"Orders\" TO PUBLIC"});
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::authz_update});
  REQUIRE(plan.steps[0].step.preflight.size() == 1);
  CHECK_THAT(plan.steps[0].step.preflight[0].description, Catch::StartsWith("role \"Report Readers\" does not exist"));
  CHECK_THAT(plan.steps[0].step.preflight[0].rows_sql, Catch::Contains("rolname = 'Report Readers'"));
  CHECK(plan.steps[1].step.preflight.empty());  // PUBLIC always exists
  CHECK(plan.summary[0] == "+ SELECT on \"My App\".\"Orders\" to \"Report Readers\"");
}

TEST_CASE("grants on a new table come after it; revokes wait for the contract phase", "[plan][privileges]") {
  auto from = orders({on_orders("old_reader", "SELECT")});
  auto to = orders();
  to.tables.push_back({.name = {"public", "audit"}, .columns = {{.name = "id", .type = "bigint"}}});
  to.privileges = {{.object = {"public", "audit"}, .grantee = "auditor", .privilege = "INSERT", .grantable = true}};
  auto plan = planner::plan_changes(from, to);
  auto sql = sql_of(plan);
  REQUIRE(sql.size() == 3);
  CHECK_THAT(sql[0], Catch::StartsWith("CREATE TABLE public.audit"));
  CHECK(sql[1] == "GRANT INSERT ON TABLE public.audit TO auditor WITH GRANT OPTION");
  CHECK(sql[2] == "REVOKE SELECT ON TABLE \"My App\".\"Orders\" FROM old_reader");
  CHECK(plan.steps[2].phase == planner::Phase::contract);
}

TEST_CASE("a grant option taken away keeps the privilege; a dropped object or column takes its grants along",
          "[plan][privileges]") {
  auto grantable = on_orders("writer", "UPDATE");
  grantable.grantable = true;
  auto plain = on_orders("writer", "UPDATE");
  CHECK(sql_of(planner::plan_changes(orders({grantable}), orders({plain}))) ==
        std::vector<std::string>{"REVOKE GRANT OPTION FOR UPDATE ON TABLE \"My App\".\"Orders\" FROM writer"});

  auto without_note = orders();
  without_note.tables[0].columns.pop_back();
  auto sql = sql_of(planner::plan_changes(orders({on_orders("reader", "SELECT", "Note")}), without_note));
  CHECK(sql == std::vector<std::string>{"ALTER TABLE \"My App\".\"Orders\" DROP COLUMN \"Note\""});

  auto none = orders();
  none.tables.clear();
  for (const auto& statement : sql_of(planner::plan_changes(orders({plain}), none)))
    CHECK_THAT(statement, !Catch::Contains("REVOKE"));
}

TEST_CASE("inspect renders privileges as GRANT statements", "[ddl][privileges]") {
  CHECK_THAT(schema::render_sql(orders({on_orders("Report Readers", "SELECT", "Note")})),
             Catch::Contains("GRANT SELECT (\"Note\") ON TABLE \"My App\".\"Orders\" TO \"Report Readers\";\n"));
}
