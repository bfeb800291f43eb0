// apply without --schema: run the pending migration files, tracked, one apply at a
// time, resumable: a step recorded as applied never runs again. With --phase, only
// the expand steps (before the deploy) or the contract steps (after it) run.
#include <algorithm>
#include <cstdio>
#include <set>

#include <pqxx/transaction>

#include <fmt/core.h>

#include "cli/apply_progress.hpp"
#include "cli/apply_refusals.hpp"
#include "cli/drift.hpp"
#include "cli/exit_codes.hpp"
#include "cli/kill_points.hpp"
#include "cli/migration_progress.hpp"
#include "cli/migrations.hpp"
#include "cli/planning.hpp"
#include "cli/states.hpp"
#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "engine/introspect.hpp"
#include "engine/tracking.hpp"
#include "planner/hazard.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::cli {
namespace {

using planner::Phase;

// The steps of one migration that this run executes, by number.
struct Batch {
  const MigrationProgress* progress;
  std::vector<int> steps;
};

struct Selection {
  std::vector<Batch> batches;
  std::string waiting;  // why the pending migrations after the batches do not run yet
  std::string refusal;  // why nothing may run at all
};

// Without a phase every remaining step runs. The expand phase stops after the first
// migration that keeps contract steps: later migrations were planned from the state
// its contract leaves. The contract phase runs only migrations whose expand steps
// all ran, and refuses when the first pending one's did not.
Selection select_steps(const std::vector<MigrationProgress>& pending, const std::string& phase) {
  Selection selection;
  for (const auto& progress : pending) {
    auto expand = progress.remaining(Phase::expand);
    auto contract = progress.remaining(Phase::contract);
    const auto& file = progress.migration->file;
    if (phase.empty()) {
      expand.insert(expand.end(), contract.begin(), contract.end());
      std::sort(expand.begin(), expand.end());
      selection.batches.push_back({&progress, expand});
    } else if (phase == "expand") {
      if (expand.empty() && !contract.empty()) {
        selection.waiting = fmt::format("{} waits for `schemactl apply --phase contract`, and later migrations "
                                        "wait for it",
                                        file);
        break;
      }
      selection.batches.push_back({&progress, expand});
      if (!contract.empty()) {
        selection.waiting = fmt::format("the contract steps of {} wait for `schemactl apply --phase contract` "
                                        "(after the deploy); any later migration waits for them",
                                        file);
        break;
      }
    } else {
      if (!expand.empty()) {
        if (selection.batches.empty()) {
          selection.refusal = fmt::format("the expand steps of {} have not run, so its contract steps (and any "
                                          "later ones) may not: run `schemactl apply --phase expand` first",
                                          file);
        } else {
          selection.waiting = fmt::format("{} and later migrations wait for `schemactl apply --phase expand`", file);
        }
        break;
      }
      selection.batches.push_back({&progress, contract});
    }
  }
  return selection;
}

bool hazards_allowed(const std::vector<Batch>& batches, const std::set<planner::Hazard>& allowed) {
  std::set<std::string> refused;
  for (const auto& batch : batches) {
    for (int number : batch.steps) {
      for (const auto& name : batch.progress->migration->steps[number - 1].hazards) {
        auto hazard = planner::parse_hazard(name);
        if (!hazard || !allowed.contains(*hazard)) refused.insert(name);
      }
    }
  }
  if (refused.empty()) return true;
  report_refused_hazards("the steps to run carry", {refused.begin(), refused.end()});
  return false;
}

// Where the first migration to run expects the database. None while a migration is
// half applied (running or failed): it is neither where it started nor where it ends.
std::optional<ExpectedState> expected_state(const MigrationProgress& first) {
  const auto& migration = *first.migration;
  const auto& version = migration.header.version;
  if (!first.record || first.record->status == engine::RunStatus::rolled_back) {
    if (!migration.generated) return std::nullopt;
    return ExpectedState{migration.header.from, version, {},
                         fmt::format("the state {} was planned from", migration.file)};
  }
  if (first.record->status == engine::RunStatus::expanded && !first.record->expanded_fingerprint.empty()) {
    return ExpectedState{first.record->expanded_fingerprint, version, first.done,
                         fmt::format("the state the expand phase of {} left", migration.file)};
  }
  return std::nullopt;
}

void print_steps(const Batch& batch) {
  const auto& migration = *batch.progress->migration;
  if (batch.steps.size() == migration.steps.size()) {
    fmt::print("{}\n", migration.text);
    return;
  }
  for (int number : batch.steps) {
    const auto& step = migration.steps[number - 1];
    fmt::print("-- step {} · {} · {}\n{}\n\n", number, step.phase.empty() ? "expand" : step.phase,
               step_label(migration, number - 1), step.step.sql);
  }
}

void run_migration(pqxx::connection& conn, const Batch& batch, const Config& config) {
  const auto& migration = *batch.progress->migration;
  const auto& version = migration.header.version;
  engine::record_migration_started(conn, {.version = version,
                                          .name = migration.header.name,
                                          .checksum = schema::sha256_hex(migration.text),
                                          .from_fingerprint = migration.header.from,
                                          .to_fingerprint = migration.header.to,
                                          .tool_version = SCHEMACTL_VERSION});
  // `numbers` maps the executed steps back to the file's steps.
  const auto& numbers = batch.steps;
  std::vector<engine::Step> steps;
  for (int number : numbers) steps.push_back(migration.steps[number - 1].step);
  auto plan = display_plan(migration);
  auto options = progress_reporting(plan, config);
  auto record = [&](pqxx::transaction_base& tx, std::size_t i) {
    engine::record_step(tx, version, {.step = numbers[i], .status = engine::RunStatus::applied});
  };
  // Transactional steps are recorded in their own transaction: exactly once.
  options.events.before_commit = [&](pqxx::transaction_base& tx, std::size_t first, std::size_t last) {
    for (auto i = first; i < last; ++i) record(tx, i);
  };
  options.events.step_finished = [&](std::size_t i, std::chrono::nanoseconds) {
    if (steps[i].tx == engine::TxMode::shared && !steps[i].backfill) return;
    pqxx::work tx(conn);
    record(tx, i);
    tx.commit();
  };
  std::size_t backfilling = 0;
  auto show_started = options.events.step_started;
  options.events.step_started = [&](std::size_t i) {
    backfilling = i;
    show_started(numbers[i] - 1);
    if (steps[i].backfill) {
      for (const auto& step : engine::read_steps(conn, version)) {
        if (step.step == numbers[i]) options.backfill.resume_after = step.backfill_last_key;
      }
    }
  };
  // In the batch's transaction: the stored position is exactly what committed.
  options.backfill.on_batch = [&](pqxx::transaction_base& tx, const std::vector<std::string>& position,
                                  std::int64_t rows) {
    engine::record_step(tx, version, {.step = numbers[backfilling], .status = engine::RunStatus::running,
                                      .backfill_last_key = position, .backfill_rows = rows});
  };
  arm_kill_points(options, numbers);
  try {
    engine::execute(conn, steps, options);
  } catch (const engine::StepFailed& failure) {
    auto number = numbers[failure.step_index];
    auto message = fmt::format("{}:{}: step {} failed: {}", migration.file, migration.steps[number - 1].line, number,
                               failure.what());
    engine::record_migration_finished(conn, version, engine::RunStatus::failed, message);
    throw std::runtime_error(message + "\nsteps before it are applied and recorded; fix the cause and run apply "
                                       "again: it resumes at this step");
  }
  bool complete = batch.progress->done.size() + numbers.size() == migration.steps.size();
  if (complete) {
    engine::record_migration_finished(conn, version, engine::RunStatus::applied, "");
  } else {
    auto reached = engine::introspect(conn, introspect_options(config));
    engine::record_migration_expanded(conn, version, schema::fingerprint(reached));
  }
}

}  // namespace

int run_apply_migrations(const ApplyOptions& options, const Config& config) {
  auto allowed = allowed_hazards(options, config);
  bool unconfirmed = confirmation_missing(options, config);
  bool dry_run = options.dry_run || unconfirmed;
  auto directory = load_migrations(migrations_path(config));
  auto database = lock_database(engine::resolve_conninfo(options.url), "schemactl apply", !options.no_wait);
  auto& conn = database.conn;
  auto history = engine::read_history(*conn);
  check_applied_checksums(directory.migrations, history);
  auto pending = pending_migrations(*conn, directory.migrations, history);
  if (pending.empty()) {
    fmt::print(stderr, "Nothing to apply: all {} migrations are applied.\n", directory.migrations.size());
    return exit_ok;
  }
  auto selection = select_steps(pending, options.phase);
  if (!selection.refusal.empty()) {
    fmt::print(stderr, "error: {}; nothing was applied\n", selection.refusal);
    return exit_error;
  }
  if (selection.batches.empty()) {
    fmt::print(stderr, "Nothing to apply in the {} phase: {}\n", options.phase, selection.waiting);
    return exit_ok;
  }
  if (!hazards_allowed(selection.batches, allowed)) return exit_changes;

  // Drift: the database must be where the first migration to run expects it.
  if (auto expected = expected_state(*selection.batches.front().progress)) {
    if (!in_expected_state(*conn, directory, *expected, options.dev_url, config)) return exit_integrity;
  }

  if (!dry_run) engine::ensure_tracking_tables(*conn);
  for (const auto& batch : selection.batches) {
    const auto& migration = *batch.progress->migration;
    fmt::print(stderr, "{} {} ({} of {} steps{})\n", dry_run ? "Would apply" : "Applying", migration.file,
               batch.steps.size(), migration.steps.size(),
               options.phase.empty() ? "" : fmt::format(", {} phase", options.phase));
    auto step_name = [&](std::size_t i) { return step_label(migration, batch.steps[i] - 1); };
    std::vector<engine::Step> steps;
    for (int number : batch.steps) steps.push_back(migration.steps[number - 1].step);
    if (!preflight_passes(*conn, steps, step_name)) return exit_error;
    if (dry_run) {
      print_steps(batch);
      continue;
    }
    run_migration(*conn, batch, config);
  }
  if (unconfirmed) return refuse_unconfirmed(config);
  if (!dry_run) {
    fmt::print(stderr, "Applied. {} migrations are recorded in schemactl.migrations.\n", selection.batches.size());
  }
  if (!selection.waiting.empty()) fmt::print(stderr, "Not yet: {}\n", selection.waiting);
  return exit_ok;
}

}  // namespace schemactl::cli
