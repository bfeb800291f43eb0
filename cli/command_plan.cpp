#include <cstdio>
#include <cstdlib>
#include <future>
#include <stdexcept>

#include <fmt/core.h>

#include "cli/exit_codes.hpp"
#include "cli/migration_writer.hpp"
#include "cli/migrations.hpp"
#include "cli/planning.hpp"
#include "cli/states.hpp"
#include "cli/terminal.hpp"
#include "cli/verify_plan.hpp"
#include "engine/connection.hpp"
#include "engine/introspect.hpp"
#include "planner/render.hpp"
#include "planner/sum_file.hpp"

namespace schemactl::cli {

planner::PlanOptions plan_options(const Config& config) {
  return {config.lock_timeout, config.statement_timeout};
}

bool has_live_database(const CommonOptions& options) {
  return options.url.has_value() || std::getenv("DATABASE_URL") != nullptr;
}

PlanningResult plan_against_database(const CommonOptions& options, const Config& config,
                                     const engine::ScratchServer& scratch) {
  PlanningResult result;
  result.live = true;
  result.conninfo = engine::resolve_conninfo(options.url);
  // Schema errors come first: they need no database and are the likelier mistake.
  auto patterns = schema_patterns(options.schema, config);
  auto statements = load_schema_files(patterns, config);
  result.renames = read_schema_renames(patterns);
  // The live database is read while the scratch server builds the desired state:
  // on a large schema each takes seconds, and they run on different servers.
  auto current = std::async(std::launch::async, [&] { return read_database(result.conninfo, config); });
  result.desired = build_schema_statements(statements, scratch, config);
  result.current = current.get();
  result.plan = planner::plan_changes(result.current, result.desired, plan_options(config), result.renames);
  if (!options.no_verify) {
    prove_unless_unmanaged(result.current, result.desired, [&] {
      prove_plan(scratch, result.current, result.plan, result.desired, plan_options(config),
                 introspect_options(config));
    });
  }
  return result;
}

PlanningResult plan_against_migrations(const CommonOptions& options, const Config& config,
                                       const engine::ScratchServer& scratch) {
  // Integrity first: nothing is replayed from a tampered directory.
  auto migrations = load_migrations(migrations_path(config));
  PlanningResult result;
  auto patterns = schema_patterns(options.schema, config);
  result.desired = read_schema_files(patterns, scratch, config);
  result.renames = read_schema_renames(patterns);
  // The replayed database is the current state already: the plan is proven on it.
  engine::TemporaryDatabase replay(scratch, "replay");
  auto conn = engine::connect(replay.conninfo());
  replay_onto(scratch, *conn, migrations);
  result.current = engine::introspect(*conn, introspect_options(config));
  result.plan = planner::plan_changes(result.current, result.desired, plan_options(config), result.renames);
  if (!options.no_verify) {
    prove_unless_unmanaged(result.current, result.desired, [&] {
      prove_plan_on(*conn, result.plan, result.desired, plan_options(config), introspect_options(config));
    });
  }
  return result;
}

std::vector<engine::Step> steps_of(const planner::Plan& plan) {
  std::vector<engine::Step> steps;
  for (const auto& planned : plan.steps) steps.push_back(planned.step);
  return steps;
}

void print_plan(const planner::Plan& plan, const std::string& format) {
  if (format == "markdown") {
    fmt::print("{}", planner::render_markdown(plan));
  } else if (format == "sql") {
    fmt::print("{}", planner::render_sql(plan));
  } else if (format == "json") {
    fmt::print("{}", planner::render_json(plan));
  } else if (format == "text") {
    fmt::print("{}", planner::render_text(plan, {use_colour(stdout)}));
  } else {
    throw std::invalid_argument(fmt::format("unknown --format '{}' (text, sql or json)", format));
  }
}

int run_plan(PlanOptions options) {
  auto config = load_settings(options);
  if (options.write && has_live_database(options)) {
    throw std::invalid_argument("plan --write plans from the migrations directory, not a live database: drop --url "
                                "(and unset DATABASE_URL)");
  }
  auto scratch = open_scratch(options.dev_url, config);
  auto result = has_live_database(options) ? plan_against_database(options, config, scratch)
                                           : plan_against_migrations(options, config, scratch);
  print_plan(result.plan, options.format);
  if (options.write) {
    if (result.plan.empty()) {
      fmt::print(stderr, "nothing to write: the migrations already reach the desired schema\n");
    } else {
      auto written = write_migration_files(migrations_path(config), *options.write, result, plan_options(config));
      fmt::print(stderr, "wrote {} and updated {}\n", written, planner::sum_file_name);
    }
    return exit_ok;
  }
  if (options.check) {
    // Nothing silently ignored: what schemactl cannot manage fails the check too.
    const auto& warnings = result.plan.warnings;
    if (!warnings.empty()) fmt::print(stderr, "{} object(s) schemactl cannot manage:\n", warnings.size());
    for (const auto& warning : warnings) fmt::print(stderr, "  {}\n", warning);
    if (!result.plan.empty() && !result.live) {
      fmt::print(stderr, "a migration is missing: run `schemactl plan --write NAME`\n");
    }
    if (!warnings.empty() || !result.plan.empty()) return exit_changes;
  }
  return exit_ok;
}

}  // namespace schemactl::cli
