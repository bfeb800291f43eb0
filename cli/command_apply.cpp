#include <cstdio>

#include <fmt/core.h>

#include "cli/apply_progress.hpp"
#include "cli/apply_refusals.hpp"
#include "cli/exit_codes.hpp"
#include "cli/migrations.hpp"
#include "cli/planning.hpp"
#include "cli/states.hpp"
#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "planner/hazard.hpp"
#include "planner/render.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::cli {

int run_apply(ApplyOptions options) {
  auto config = load_settings(options);
  // Declarative (plan and apply now) with --schema, or when there is no migrations directory.
  if (options.schema.empty() && std::filesystem::exists(migrations_path(config))) {
    return run_apply_migrations(options, config);
  }
  if (!options.phase.empty()) {
    throw std::invalid_argument("--phase runs the steps of migration files: drop --schema (and keep a migrations "
                                "directory)");
  }
  auto allowed = allowed_hazards(options, config);
  auto scratch = open_scratch(options.dev_url, config);
  auto result = plan_against_database(options, config, scratch);
  const auto& plan = result.plan;
  print_plan(plan, options.format);
  if (plan.empty()) return exit_ok;

  if (!plan_hazards_allowed(plan, allowed, "the plan carries")) return exit_changes;
  auto conn = engine::connect_for_apply(result.conninfo, "schemactl apply");
  auto steps = steps_of(plan);
  if (!preflight_passes(*conn, steps, [&](std::size_t i) { return plan.steps[i].object; })) return exit_error;
  if (confirmation_missing(options, config)) return refuse_unconfirmed(config);
  if (options.dry_run) {
    fmt::print(stderr, "\ndry run: preflight checks passed; nothing was applied\n");
    return exit_ok;
  }

  fmt::print(stderr, "\nApplying {} steps to {}\n", plan.steps.size(), engine::redact_conninfo(result.conninfo));
  try {
    engine::execute(*conn, steps, progress_reporting(plan, config));
  } catch (const engine::StepFailed& failure) {
    const auto& step = plan.steps[failure.step_index];
    fmt::print(stderr, "error: step {} ({}) failed: {}\n", failure.step_index + 1, step.object, failure.what());
    fmt::print(stderr, "steps before it are applied and its transaction was rolled back; "
                       "run `schemactl plan` to see what remains\n");
    return exit_error;
  }

  // Prove convergence: the database now reads back as the desired schema.
  auto after = read_database(result.conninfo, config);
  auto remaining = planner::plan_changes(after, result.desired, plan_options(config), result.renames);
  if (!remaining.empty()) {
    fmt::print(stderr, "error: applied, but the database still differs from the desired schema:\n{}",
               planner::render_sql(remaining));
    return exit_error;
  }
  fmt::print(stderr, "Applied. The database matches the desired schema ({}).\n", schema::fingerprint(after));
  return exit_ok;
}

}  // namespace schemactl::cli
