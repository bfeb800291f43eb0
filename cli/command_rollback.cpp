// rollback: undo the last migration that ran, tracked and under the apply lock. The
// database must be where that migration left it; afterwards the migration is
// pending again and the next apply runs it anew.
#include <algorithm>
#include <cstdio>

#include <fmt/core.h>

#include "cli/apply_progress.hpp"
#include "cli/apply_refusals.hpp"
#include "cli/drift.hpp"
#include "cli/exit_codes.hpp"
#include "cli/migration_progress.hpp"
#include "cli/migrations.hpp"
#include "cli/planning.hpp"
#include "cli/states.hpp"
#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "engine/introspect.hpp"
#include "engine/tracking.hpp"
#include "planner/render.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::cli {
namespace {

bool ran(engine::RunStatus status) {
  return status == engine::RunStatus::applied || status == engine::RunStatus::expanded;
}

// The steps back to the state before `migration`, planned from the live database:
// the earlier migrations replayed on the scratch server are the target. Used when
// the down file cannot serve: it assumes the whole migration ran (not only its
// expand phase), or it is irreversible and has no steps.
planner::Plan plan_back(pqxx::connection& conn, const MigrationsDirectory& directory,
                        const planner::Migration& migration, const RollbackOptions& options, const Config& config) {
  MigrationsDirectory before{directory.path, {}};
  for (const auto& earlier : directory.migrations) {
    if (earlier.header.version == migration.header.version) break;
    before.migrations.push_back(earlier);
  }
  auto scratch = open_scratch(options.dev_url, config);
  auto introspection = introspect_options(config);
  return planner::plan_changes(engine::introspect(conn, introspection), replay_migrations(before, scratch, introspection),
                               plan_options(config));
}

}  // namespace

int run_rollback(RollbackOptions options) {
  auto config = load_settings(options);
  auto allowed = allowed_hazards(options, config);
  bool unconfirmed = confirmation_missing(options, config);
  auto directory = load_migrations(migrations_path(config));
  auto database = lock_database(engine::resolve_conninfo(options.url), "schemactl rollback", !options.no_wait);
  auto& conn = database.conn;
  auto history = engine::read_history(*conn);
  check_applied_checksums(directory.migrations, history);
  auto last = std::find_if(history.rbegin(), history.rend(),
                           [](const auto& record) { return record.status != engine::RunStatus::rolled_back; });
  if (last == history.rend()) {
    fmt::print(stderr, "Nothing to roll back: no migration is applied.\n");
    return exit_ok;
  }
  const auto& record = *last;
  if (!ran(record.status)) {
    fmt::print(stderr, "error: {} {} is {}: finish it with `schemactl apply` before rolling it back; nothing was run\n",
               record.version, record.name, engine::run_status_name(record.status));
    return exit_error;
  }
  auto migration = std::find_if(directory.migrations.begin(), directory.migrations.end(),
                                [&](const auto& m) { return m.header.version == record.version; });
  if (migration == directory.migrations.end()) {
    throw IntegrityError(fmt::format("{} {} is applied but its file is not in {}", record.version, record.name,
                                     directory.path.string()));
  }
  bool expanded = record.status == engine::RunStatus::expanded;

  // Drift: the database must be where the migration (or its expand phase) left it.
  if (migration->generated) {
    std::set<int> ran_steps;
    for (const auto& step : engine::read_steps(*conn, record.version)) {
      if (step.status == engine::RunStatus::applied) ran_steps.insert(step.step);
    }
    ExpectedState expected{expanded ? record.expanded_fingerprint : migration->header.to, record.version, ran_steps,
                           fmt::format(fmt::runtime(expanded ? "the state the expand phase of {} left" : "the state {} leaves"),
                                       migration->file)};
    if (!in_expected_state(*conn, directory, expected, options.dev_url, config)) return exit_integrity;
  }

  planner::Plan plan;
  std::string source;
  auto down = load_down_migration(directory, record.version);
  if (expanded) {
    // Only the expand steps ran; the down file undoes the contract steps too.
    plan = plan_back(*conn, directory, *migration, options, config);
    source = "planned back from the live database, as only its expand phase ran";
  } else if (!down) {
    fmt::print(stderr, "error: {} has no down file: write {}, run `schemactl hash`, then roll back; nothing was "
                       "run\n",
               migration->file, planner::migration_file_name(record.version, record.name, planner::Direction::down));
    return exit_error;
  } else if (!down->irreversible.empty()) {
    if (!options.allow_irreversible) {
      fmt::print(stderr, "error: the down migration of {} is IRREVERSIBLE; nothing was run:\n", migration->file);
      for (const auto& reason : down->irreversible) fmt::print(stderr, "  {}\n", reason);
      fmt::print(stderr, "--allow-irreversible rolls it back anyway: the schema comes back, the deleted data does "
                         "not\n");
      return exit_changes;
    }
    plan = plan_back(*conn, directory, *migration, options, config);
    source = "planned back from the live database, as its down file is irreversible";
  } else {
    plan = display_plan(*down);
    source = down->file;
  }

  if (!plan_hazards_allowed(plan, allowed, "the rollback carries")) return exit_changes;
  bool dry_run = options.dry_run || unconfirmed;
  fmt::print(stderr, "{} {} ({} steps, {})\n", dry_run ? "Would roll back" : "Rolling back", migration->file,
             plan.steps.size(), source);
  auto steps = steps_of(plan);
  if (!preflight_passes(*conn, steps, [&](std::size_t i) { return plan.steps[i].object; })) return exit_error;
  if (dry_run) {
    fmt::print("{}", planner::render_sql(plan));
    return unconfirmed ? refuse_unconfirmed(config) : exit_ok;
  }
  try {
    engine::execute(*conn, steps, progress_reporting(plan, config));
  } catch (const engine::StepFailed& failure) {
    throw std::runtime_error(fmt::format(
        "rolling back {} failed at step {} ({}): {}\nsteps before it ran; {} is still recorded {}: fix the cause, "
        "then finish the rollback by hand or re-apply",
        migration->file, failure.step_index + 1, plan.steps[failure.step_index].object, failure.what(),
        migration->file, engine::run_status_name(record.status)));
  }
  engine::record_migration_rolled_back(*conn, record.version);
  if (migration->generated) {
    auto live = schema::fingerprint(engine::introspect(*conn, introspect_options(config)));
    if (live != migration->header.from) {
      fmt::print(stderr, "error: rolled back, but the database is at {} rather than {}, where {} started\n", live,
                 migration->header.from, migration->file);
      return exit_error;
    }
  }
  fmt::print(stderr, "Rolled back {}: it is pending again, and `schemactl apply` runs it anew.\n", migration->file);
  return exit_ok;
}

}  // namespace schemactl::cli
