// The online rules, on catalogs built by hand. (Every rule is also proven on a real
// database by the scenario fixtures.)
#include <catch2/catch.hpp>

#include "planner/plan.hpp"
#include "planner/render.hpp"
#include "support/plan_sql.hpp"

using namespace schemactl;
using schema::Column;
using schema::Constraint;
using schema::ConstraintKind;

namespace {

schema::Table users() {
  schema::Table table;
  table.name = {"public", "users"};
  table.columns = {Column{.name = "id", .type = "bigint", .not_null = true},
                   Column{.name = "email", .type = "text"}};
  table.constraints = {Constraint{.name = "users_pkey",
                                  .kind = ConstraintKind::primary_key,
                                  .definition = "PRIMARY KEY (id)",
                                  .index_definition = "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)",
                                  .columns = {"id"}}};
  return table;
}

schema::Catalog with(schema::Table table) {
  schema::Catalog catalog;
  catalog.schemas = {"public"};
  catalog.tables = {std::move(table)};
  return catalog;
}

using testing::sql_of;

}  // namespace

TEST_CASE("identical catalogs plan nothing", "[plan]") {
  CHECK(planner::plan_changes(with(users()), with(users())).empty());
}

TEST_CASE("a NOT NULL column with a volatile default is added nullable, defaulted, backfilled, then tightened",
          "[plan]") {
  auto to = users();
  to.columns.push_back(Column{.name = "token", .type = "uuid", .not_null = true,
                              .default_expr = "gen_random_uuid()", .default_is_volatile = true});
  auto plan = planner::plan_changes(with(users()), with(to));
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "ALTER TABLE public.users ADD COLUMN token uuid",
                            "ALTER TABLE public.users ALTER COLUMN token SET DEFAULT gen_random_uuid()",
                            "UPDATE public.users SET token = DEFAULT WHERE token IS NULL",
                            "ALTER TABLE public.users ADD CONSTRAINT users_token_not_null CHECK (token IS NOT NULL) NOT VALID",
                            "ALTER TABLE public.users VALIDATE CONSTRAINT users_token_not_null",
                            "ALTER TABLE public.users ALTER COLUMN token SET NOT NULL",
                            "ALTER TABLE public.users DROP CONSTRAINT users_token_not_null",
                        });
  REQUIRE(plan.steps[2].step.backfill);
  CHECK(plan.steps[2].step.backfill->key_columns == std::vector<std::string>{"id"});
  CHECK(plan.steps[4].step.tx == engine::TxMode::own);
  CHECK(plan.steps[4].step.statement_timeout.count() == 0);
  CHECK(plan.hazards().empty());
}

TEST_CASE("a constant default is one ADD COLUMN", "[plan]") {
  auto to = users();
  to.columns.push_back(Column{.name = "active", .type = "boolean", .not_null = true, .default_expr = "true"});
  CHECK(sql_of(planner::plan_changes(with(users()), with(to))) ==
        std::vector<std::string>{"ALTER TABLE public.users ADD COLUMN active boolean DEFAULT true NOT NULL"});
}

TEST_CASE("a unique constraint builds its index concurrently, outside a transaction, then adopts it", "[plan]") {
  auto to = users();
  to.constraints.push_back(Constraint{.name = "users_email_key", .kind = ConstraintKind::unique,
                                      .definition = "UNIQUE (email)",
                                      .index_definition = "CREATE UNIQUE INDEX users_email_key ON public.users USING btree (email)",
                                      .columns = {"email"}});
  auto plan = planner::plan_changes(with(users()), with(to));
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].step.sql ==
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_key ON public.users USING btree (email)");
  CHECK(plan.steps[0].step.tx == engine::TxMode::none);
  CHECK(plan.steps[1].step.sql ==
        "ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key");
}

TEST_CASE("a primary key on a nullable column sets NOT NULL online before adopting the index", "[plan]") {
  auto from = users();
  from.constraints.clear();
  from.columns[0].not_null = false;
  auto plan = planner::plan_changes(with(from), with(users()));
  auto sql = sql_of(plan);
  REQUIRE(sql.size() == 6);
  CHECK(sql[0].starts_with("CREATE UNIQUE INDEX CONCURRENTLY"));
  CHECK(sql[3] == "ALTER TABLE public.users ALTER COLUMN id SET NOT NULL");
  CHECK(sql[5] == "ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY USING INDEX users_pkey");
}

TEST_CASE("a dropped column is a contract step that deletes data", "[plan]") {
  auto to = users();
  to.columns.pop_back();
  auto plan = planner::plan_changes(with(users()), with(to));
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].phase == planner::Phase::contract);
  CHECK(plan.steps[0].hazards == std::vector<planner::Hazard>{planner::Hazard::deletes_data});
  CHECK(planner::refused_hazards(plan, {}) == std::vector<planner::Hazard>{planner::Hazard::deletes_data});
  CHECK(planner::refused_hazards(plan, {planner::Hazard::deletes_data}).empty());
}

TEST_CASE("expand steps all come before contract steps", "[plan]") {
  auto to = users();
  to.columns.pop_back();
  to.columns.push_back(Column{.name = "note", .type = "text"});
  auto plan = planner::plan_changes(with(users()), with(to));
  REQUIRE(plan.steps.size() == 2);
  CHECK(plan.steps[0].phase == planner::Phase::expand);
  CHECK(plan.steps[1].phase == planner::Phase::contract);
}

TEST_CASE("a type change that is not binary-coercible is a TABLE_REWRITE hazard", "[plan]") {
  auto to = users();
  to.columns[0].type = "numeric";
  auto plan = planner::plan_changes(with(users()), with(to));
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].hazards == std::vector<planner::Hazard>{planner::Hazard::table_rewrite});
  CHECK(plan.steps[0].step.sql == "ALTER TABLE public.users ALTER COLUMN id TYPE numeric USING id::numeric");
}

TEST_CASE("awkward names are quoted in every statement", "[plan]") {
  auto from = users();
  from.name = {"Sales Data", "user"};
  auto to = from;
  to.columns.push_back(Column{.name = "Order \"Id\"", .type = "integer"});
  auto plan = planner::plan_changes(with(from), with(to));
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].step.sql == R"(ALTER TABLE "Sales Data"."user" ADD COLUMN "Order ""Id""" integer)");
}

TEST_CASE("the same inputs give byte-identical plans", "[plan]") {
  auto to = users();
  to.columns.push_back(Column{.name = "a", .type = "text", .default_expr = "random()::text", .default_is_volatile = true});
  to.indexes.push_back({.name = "users_a", .definition = "CREATE INDEX users_a ON public.users USING btree (a)"});
  auto first = planner::render_sql(planner::plan_changes(with(users()), with(to)));
  CHECK(first == planner::render_sql(planner::plan_changes(with(users()), with(to))));
}

TEST_CASE("an annotated column rename is one RENAME with no hazard; stale, it plans nothing; both names, an error",
          "[plan][renames]") {
  auto from = users();
  from.columns[1].name = "mail";
  schema::Renames renames{{}, {{{"public", "users"}, "mail", "email"}}};
  auto plan = planner::plan_changes(with(from), with(users()), {}, renames);
  CHECK(sql_of(plan) == std::vector<std::string>{"ALTER TABLE public.users RENAME COLUMN mail TO email"});
  CHECK(plan.hazards().empty());
  CHECK(plan.steps.at(0).phase == planner::Phase::expand);
  CHECK_THAT(plan.steps.at(0).lint_ignore, Catch::StartsWith("rename "));

  CHECK(planner::plan_changes(with(users()), with(users()), {}, renames).empty());

  auto both = users();
  both.columns.push_back(Column{.name = "mail", .type = "text"});
  CHECK_THROWS_WITH(planner::plan_changes(with(both), with(users()), {}, renames),
                    Catch::Contains("public.users.mail") && Catch::Contains("public.users.email") &&
                        Catch::Contains("both exist"));
}

TEST_CASE("an annotated table rename carries its index and primary key along, renamed back by the reverse",
          "[plan][renames]") {
  auto from = users();
  from.name = {"public", "people"};
  from.constraints[0].index_definition = "CREATE UNIQUE INDEX users_pkey ON public.people USING btree (id)";
  schema::Renames renames{{{{"public", "people"}, {"public", "users"}}}, {}};
  auto plan = planner::plan_changes(with(from), with(users()), {}, renames);
  CHECK(sql_of(plan) == std::vector<std::string>{"ALTER TABLE public.people RENAME TO users"});
  auto back = planner::plan_changes(with(users()), with(from), {}, schema::reversed(renames));
  CHECK(sql_of(back) == std::vector<std::string>{"ALTER TABLE public.users RENAME TO people"});
}

TEST_CASE("without an annotation, a drop plus an add of the same type stays DELETES_DATA and asks about a rename",
          "[plan][renames]") {
  auto from = users();
  from.columns[1].name = "mail";
  auto plan = planner::plan_changes(with(from), with(users()));
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::deletes_data});
  REQUIRE(plan.warnings.size() == 1);
  CHECK_THAT(plan.warnings[0], Catch::Contains("\"-- schemactl:renamed-from mail\""));
}
