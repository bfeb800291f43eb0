// Every scenario in fixtures/scenarios is a proof: the plan from from.sql to
// to.sql is applied to a real database with rows, the re-plan is empty, and
// pg_dump --schema-only equals that of a database built straight from to.sql.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <pqxx/nontransaction>
#include <toml++/toml.h>

#include "cli/verify_plan.hpp"
#include "engine/connection.hpp"
#include "engine/desired_cache.hpp"
#include "engine/desired_state.hpp"
#include "engine/executor.hpp"
#include "engine/introspect.hpp"
#include "engine/preflight.hpp"
#include "planner/lint.hpp"
#include "planner/migration_file.hpp"
#include "planner/plan.hpp"
#include "planner/render.hpp"
#include "schema/catalog_store.hpp"
#include "schema/source.hpp"
#include "support/schema_dump.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace fs = std::filesystem;
using namespace schemactl;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> strings_at(const toml::table& expect, std::string_view key) {
  std::vector<std::string> values;
  if (const auto* array = expect[key].as_array()) {
    for (const auto& item : *array) values.push_back(item.value_or(std::string{}));
  }
  return values;
}

std::string plan_sql(const planner::Plan& plan) {
  std::string sql;
  for (const auto& step : plan.steps) sql += step.step.sql + ";\n";
  return sql;
}

// The migration file of the plan lints clean, except on steps whose hazard the
// user must accept anyway.
void check_migration_lints_clean(const planner::Plan& plan) {
  planner::MigrationHeader header{"20260101T000000Z", "scenario", "sha256:from", "sha256:to"};
  auto text = planner::write_migration(header, plan);
  auto migration = planner::read_migration("20260101T000000Z_scenario.sql", text);
  for (const auto& finding : planner::lint_sql("migration.sql", text)) {
    std::size_t step = 0;
    while (step + 1 < migration.steps.size() && migration.steps[step + 1].line <= finding.line) ++step;
    INFO(finding.code << " " << finding.rule << " at line " << finding.line << ": " << finding.message << "\n"
                      << text);
    CHECK_FALSE(migration.steps.at(step).hazards.empty());
  }
}

// from.sql's schema statements, its rows and other data commands left out.
std::vector<schema::Statement> schema_statements_of(const fs::path& file) {
  static const std::set<std::string, std::less<>> data = {"InsertStmt", "UpdateStmt", "DeleteStmt", "SelectStmt",
                                                         "DoStmt", "CopyStmt", "VariableSetStmt", "TransactionStmt"};
  std::string sql;
  for (const auto& statement : schema::split_statements(file.string(), read_file(file)))
    if (!data.contains(statement.kind)) sql += statement.sql + ";\n";
  return schema::order_by_dependency(schema::parse_schema_file(file.string(), sql));
}

// The desired-state cache, written by a build of from.sql's schema, builds to.sql
// into exactly the catalog a full build reads.
void check_cached_build(const fs::path& dir, const std::vector<schema::Statement>& to_statements,
                        const schema::Catalog& desired, const engine::IntrospectOptions& introspection) {
  const auto& server = testing::test_server();
  testing::TempDir cache_dir;
  auto cache = cache_dir.path() / "desired.cache";
  engine::build_desired_catalog_cached(server, schema_statements_of(dir / "from.sql"), introspection, cache);
  auto build = engine::build_desired_catalog_cached(server, to_statements, introspection, cache);
  CHECK(schema::store_catalog(build.catalog) == schema::store_catalog(desired));
}

void run_scenario(const fs::path& dir) {
  const auto& server = testing::test_server();
  auto expect = toml::parse_file((dir / "expect.toml").string());
  auto to_statements = schema::load_schema({dir / "to.sql"});
  auto renames = schema::load_renames({dir / "to.sql"});
  // privileges = true: the scenario manages table and column privileges.
  engine::IntrospectOptions introspection;
  introspection.privileges = expect["privileges"].value_or(false);

  engine::TemporaryDatabase live(server, "live");
  auto conn = engine::connect(live.conninfo());
  pqxx::nontransaction(*conn).exec(read_file(dir / "from.sql"));

  engine::TemporaryDatabase reference(server, "reference");
  auto reference_conn = engine::connect(reference.conninfo());
  engine::run_statements(*reference_conn, to_statements);

  auto desired = engine::build_desired_catalog(server, to_statements, introspection);
  auto current = engine::introspect(*conn, introspection);
  auto plan = planner::plan_changes(current, desired, {}, renames);
  INFO("plan:\n" << planner::render_sql(plan));
  // The proof `plan` runs before showing a plan holds on every scenario: on a
  // schema-only copy built from the current catalog, the plan runs and converges.
  // A copy cannot hold objects schemactl does not manage, so none may be present.
  CHECK(current.unmanaged.empty());
  CHECK(desired.unmanaged.empty());
  CHECK_NOTHROW(cli::prove_plan_in_scope(server, current, plan, desired, {}, introspection));
  check_cached_build(dir, to_statements, desired, introspection);

  std::set<std::string> hazards;
  for (auto hazard : plan.hazards()) hazards.emplace(planner::hazard_name(hazard));
  auto expected_hazards = strings_at(expect, "hazards");
  CHECK(hazards == std::set<std::string>(expected_hazards.begin(), expected_hazards.end()));
  CHECK(plan.empty() == expect["empty_plan"].value_or(false));
  check_migration_lints_clean(plan);
  auto sql = plan_sql(plan);
  for (const auto& needle : strings_at(expect, "sql_contains")) CHECK_THAT(sql, Catch::Contains(needle));
  for (const auto& needle : strings_at(expect, "sql_excludes")) CHECK_THAT(sql, !Catch::Contains(needle));

  std::vector<engine::Step> steps;
  for (const auto& planned : plan.steps) steps.push_back(planned.step);
  CHECK(engine::run_preflight(*conn, steps).empty());  // fixture data satisfies the target
  engine::ExecutionOptions options;
  options.backfill.initial_batch_size = 100;  // several batches even on small fixtures
  engine::execute(*conn, steps, options);

  auto replan = planner::plan_changes(engine::introspect(*conn, introspection), desired, {}, renames);
  INFO("re-plan:\n" << planner::render_sql(replan));
  CHECK(replan.empty());
  // [[rows_after]] query = "SELECT ...", equals = "...": the data the plan must keep.
  if (const auto* checks = expect["rows_after"].as_array()) {
    for (const auto& check : *checks) {
      const auto& table = *check.as_table();
      auto query = table["query"].value_or(std::string());
      INFO(query);
      CHECK(pqxx::nontransaction(*conn).exec1(query)[0].as<std::string>() == table["equals"].value_or(std::string()));
    }
  }
  // The dumps leave privileges out (their order follows each database's history).
  CHECK(engine::introspect(*conn, introspection).privileges ==
        engine::introspect(*reference_conn, introspection).privileges);
  CHECK(testing::normalize_dump(testing::dump_schema(live.conninfo())) ==
        testing::normalize_dump(testing::dump_schema(reference.conninfo())));
}

std::vector<fs::path> scenario_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(fs::path(SCHEMACTL_SOURCE_DIR) / "fixtures" / "scenarios")) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace

TEST_CASE("every scenario plans, applies with rows, re-plans empty and matches pg_dump of the target",
          "[scenario]") {
  auto dirs = scenario_dirs();
  REQUIRE(dirs.size() >= 25);
  for (const auto& dir : dirs) {
    DYNAMIC_SECTION(dir.filename().string()) { run_scenario(dir); }
  }
}
