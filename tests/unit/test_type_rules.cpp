// The rules for extensions and user types, on catalogs built by hand. (Every rule
// is also proven on a real database by the scenario fixtures.)
#include <catch2/catch.hpp>

#include "planner/plan.hpp"
#include "support/plan_sql.hpp"

using namespace schemactl;
using schema::Column;

namespace {

using testing::sql_of;

// Every kind at once: an extension, an enum, a domain over the extension's type, a
// composite type of both, and a table in another schema using them all.
schema::Catalog everything() {
  schema::Catalog catalog;
  catalog.schemas = {"app", "public", "types"};
  catalog.extensions = {{"citext", "public", "1.6"}};
  catalog.enums = {{{"types", "mood"}, {"ok", "meh"}}};
  catalog.domains = {{.name = {"types", "email"}, .base_type = "public.citext"}};
  catalog.composite_types = {{{"types", "pair"}, {{"m", "types.mood", ""}, {"e", "types.email", ""}}}};
  schema::Table table{.name = {"app", "t"}};
  table.columns = {Column{.name = "id", .type = "bigint"}, Column{.name = "p", .type = "types.pair"},
                   Column{.name = "m", .type = "types.mood[]"}};
  catalog.tables = {table};
  return catalog;
}

// everything() without the composite type, which would keep a swapped type in use.
schema::Catalog without_composite() {
  auto catalog = everything();
  catalog.composite_types.clear();
  return catalog;
}

schema::Catalog with_public_schema() {
  schema::Catalog catalog;
  catalog.schemas = {"public"};
  return catalog;
}

}  // namespace

TEST_CASE("extensions and types are created before the tables that use them", "[plan][types]") {
  auto plan = planner::plan_changes(with_public_schema(), everything());
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "CREATE SCHEMA app",
                            "CREATE SCHEMA types",
                            "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public VERSION '1.6'",
                            "CREATE TYPE types.mood AS ENUM ('ok', 'meh')",
                            "CREATE DOMAIN types.email AS public.citext",
                            "CREATE TYPE types.pair AS (\n    m types.mood,\n    e types.email\n)",
                            "CREATE TABLE app.t (\n    id bigint,\n    p types.pair,\n    m types.mood[]\n)",
                        });
  CHECK(plan.summary == std::vector<std::string>{"+ schema app", "+ schema types", "+ extension citext",
                                                 "+ enum types.mood", "+ domain types.email",
                                                 "+ composite type types.pair", "+ table app.t (3 columns)"});
}

TEST_CASE("extensions and types are dropped after the tables that use them, before their schema", "[plan][types]") {
  auto plan = planner::plan_changes(everything(), with_public_schema());
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "DROP TABLE app.t",
                            "DROP TYPE types.pair",
                            "DROP DOMAIN types.email",
                            "DROP TYPE types.mood",
                            "DROP EXTENSION citext",
                            "DROP SCHEMA app",
                            "DROP SCHEMA types",
                        });
  for (const auto& step : plan.steps) CHECK(step.phase == planner::Phase::contract);
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::deletes_data,
                                                     planner::Hazard::untrackable_dependency});
}

TEST_CASE("an enum losing a value is swapped, with a preflight for rows holding it", "[plan][types]") {
  auto to = without_composite();
  to.enums[0].values = {"meh"};
  auto plan = planner::plan_changes(without_composite(), to);
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "CREATE TYPE types.schemactl_new_mood AS ENUM ('meh')",
                            "ALTER TABLE app.t ALTER COLUMN m TYPE types.schemactl_new_mood[] "
                            "USING m::text[]::types.schemactl_new_mood[]",
                            "DROP TYPE types.mood",
                            "ALTER TYPE types.schemactl_new_mood RENAME TO mood",
                        });
  REQUIRE(plan.steps[1].step.preflight.size() == 1);
  CHECK(plan.steps[1].step.preflight[0].rows_sql == "SELECT * FROM app.t WHERE m::text[] && ARRAY['ok']");
  CHECK(plan.steps[1].step.tx == engine::TxMode::own);
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::table_rewrite});
}

TEST_CASE("an enum gaining values adds each outside a transaction", "[plan][types]") {
  auto to = everything();
  to.enums[0].values = {"great", "ok", "meh"};
  auto plan = planner::plan_changes(everything(), to);
  CHECK(sql_of(plan) == std::vector<std::string>{"ALTER TYPE types.mood ADD VALUE IF NOT EXISTS 'great' BEFORE 'ok'"});
  CHECK(plan.steps[0].step.tx == engine::TxMode::none);
  CHECK(plan.hazards().empty());
}

TEST_CASE("domain NOT NULL and CHECK scan the columns using it, blocking their writes", "[plan][types]") {
  auto from = everything();
  from.tables[0].columns.push_back(Column{.name = "mail", .type = "types.email"});
  auto to = from;
  to.domains[0].not_null = true;
  to.domains[0].constraints = {{"has_at", "CHECK ((VALUE ~~ '%@%'::public.citext))", true}};
  auto plan = planner::plan_changes(from, to);
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "ALTER DOMAIN types.email ADD CONSTRAINT has_at CHECK ((VALUE ~~ '%@%'::public.citext)) NOT VALID",
                            "ALTER DOMAIN types.email VALIDATE CONSTRAINT has_at",
                            "ALTER DOMAIN types.email SET NOT NULL",
                        });
  CHECK(plan.steps[2].step.preflight.size() == 1);
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::blocks_writes});

  // Unused, the same domain changes without a hazard.
  from.tables.clear();
  to.tables.clear();
  CHECK(planner::plan_changes(from, to).hazards().empty());
}

TEST_CASE("a composite attribute dropped from a type in use deletes data", "[plan][types]") {
  auto to = everything();
  to.composite_types[0].attributes = {{"m", "types.mood", ""}, {"n", "integer", ""}};
  auto plan = planner::plan_changes(everything(), to);
  CHECK(sql_of(plan) == std::vector<std::string>{"ALTER TYPE types.pair ADD ATTRIBUTE n integer",
                                                 "ALTER TYPE types.pair DROP ATTRIBUTE e"});
  CHECK(plan.steps[1].phase == planner::Phase::contract);
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::deletes_data});
}

TEST_CASE("a column's new collation is metadata only unless an index uses the column", "[plan][types]") {
  schema::Table table{.name = {"public", "t"}};
  table.columns = {Column{.name = "id", .type = "bigint"}, Column{.name = "code", .type = "text"}};
  auto from = with_public_schema();
  from.tables = {table};
  auto to = from;
  to.tables[0].columns[1].collation = "pg_catalog.\"C\"";
  auto plan = planner::plan_changes(from, to);
  CHECK(sql_of(plan) == std::vector<std::string>{"ALTER TABLE public.t ALTER COLUMN code TYPE text COLLATE pg_catalog.\"C\""});
  CHECK(plan.hazards().empty());

  // An index named like the column does not count; one on lower(code) does.
  from.tables[0].indexes = {{.name = "ids", .definition = "CREATE INDEX ids ON public.t USING btree (id)"}};
  to.tables[0].indexes = from.tables[0].indexes;
  CHECK(planner::plan_changes(from, to).hazards().empty());
  from.tables[0].indexes.push_back(
      {.name = "idx_code", .definition = "CREATE INDEX idx_code ON public.t USING btree (lower(code))"});
  to.tables[0].indexes = from.tables[0].indexes;
  CHECK(planner::plan_changes(from, to).hazards() ==
        std::set<planner::Hazard>{planner::Hazard::index_build, planner::Hazard::blocks_reads});
}

TEST_CASE("a domain with a new base type is swapped in, its columns converted directly", "[plan][types]") {
  auto from = without_composite();
  from.tables[0].columns.push_back(Column{.name = "mail", .type = "types.email", .default_expr = "'x'::types.email"});
  auto to = from;
  to.domains[0].base_type = "text";
  auto plan = planner::plan_changes(from, to);
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "CREATE DOMAIN types.schemactl_new_email AS text",
                            "ALTER TABLE app.t ALTER COLUMN mail DROP DEFAULT, ALTER COLUMN mail TYPE "
                            "types.schemactl_new_email USING mail::types.schemactl_new_email, ALTER COLUMN mail "
                            "SET DEFAULT 'x'::types.schemactl_new_email",
                            "DROP TYPE types.email",
                            "ALTER TYPE types.schemactl_new_email RENAME TO email",
                        });
  CHECK(plan.steps[1].step.preflight.empty());
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::table_rewrite});
}

TEST_CASE("a type that must be swapped but is used by another type is refused while planning", "[plan][types]") {
  auto to = everything();
  to.enums[0].values = {"meh", "ok"};
  CHECK_THROWS_WITH(planner::plan_changes(everything(), to),
                    Catch::Contains("types.mood must be replaced by a new type and only table columns can be moved to it, but composite type types.pair uses it"));
}

TEST_CASE("a column whose type moves with its extension's schema is left alone", "[plan][types]") {
  auto from = without_composite();
  from.tables[0].columns.push_back(Column{.name = "mail", .type = "public.citext"});
  auto to = from;
  to.extensions[0].schema = "types";
  to.tables[0].columns.back().type = "types.citext";
  CHECK(sql_of(planner::plan_changes(from, to)) ==
        std::vector<std::string>{"ALTER EXTENSION citext SET SCHEMA types"});

  to.tables[0].columns.back().type = "types.other";
  CHECK(planner::plan_changes(from, to).steps.size() == 2);
}

TEST_CASE("reordering or retyping the attributes of a composite type in use is refused while planning",
          "[plan][types]") {
  auto to = everything();
  to.composite_types[0].attributes = {{"e", "types.email", ""}, {"m", "types.mood", ""}};
  CHECK_THROWS_WITH(planner::plan_changes(everything(), to),
                    Catch::Contains("types.pair: attributes reordered or of a new type") &&
                        Catch::Contains("column app.t.p uses it"));
  to.composite_types[0].attributes = {{"m", "text", ""}, {"e", "types.email", ""}};
  CHECK_THROWS(planner::plan_changes(everything(), to));
}
