// apply without --schema: run the pending migration files, tracked, one apply at a
// time, resumable: a step recorded as applied never runs again.
#include <algorithm>
#include <cstdio>
#include <set>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include <fmt/core.h>

#include "cli/apply_progress.hpp"
#include "cli/apply_refusals.hpp"
#include "cli/exit_codes.hpp"
#include "cli/kill_points.hpp"
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

// An applied migration whose file changed since is an integrity failure.
void check_applied_checksums(const std::vector<planner::Migration>& migrations,
                             const std::vector<engine::MigrationRecord>& history) {
  for (const auto& record : history) {
    for (const auto& migration : migrations) {
      if (migration.header.version == record.version && schema::sha256_hex(migration.text) != record.checksum) {
        throw IntegrityError(fmt::format("{} was changed after it was applied (recorded checksum {}): restore it "
                                         "and put further changes in a new migration",
                                         migration.file, record.checksum));
      }
    }
  }
}

std::vector<const planner::Migration*> pending_migrations(const std::vector<planner::Migration>& migrations,
                                                          const std::vector<engine::MigrationRecord>& history) {
  std::set<std::string> applied;
  for (const auto& record : history) {
    if (record.status == engine::RunStatus::applied) applied.insert(record.version);
  }
  std::vector<const planner::Migration*> pending;
  for (const auto& migration : migrations) {
    if (!applied.contains(migration.header.version)) pending.push_back(&migration);
  }
  return pending;
}

bool hazards_allowed(const std::vector<const planner::Migration*>& pending, const std::set<planner::Hazard>& allowed) {
  std::set<std::string> refused;
  for (const auto* migration : pending) {
    for (const auto& step : migration->steps) {
      for (const auto& name : step.hazards) {
        auto hazard = planner::parse_hazard(name);
        if (!hazard || !allowed.contains(*hazard)) refused.insert(name);
      }
    }
  }
  if (refused.empty()) return true;
  report_refused_hazards("pending migrations carry", {refused.begin(), refused.end()});
  return false;
}

// What a step changes, or where a hand-written step stands in its file.
std::string step_label(const planner::Migration& migration, std::size_t index) {
  const auto& step = migration.steps[index];
  return step.object.empty() ? fmt::format("{}:{}", migration.file, step.line) : step.object;
}

// The steps of `migration` as a plan, so the progress display can name them.
planner::Plan display_plan(const planner::Migration& migration) {
  planner::Plan plan;
  for (std::size_t i = 0; i < migration.steps.size(); ++i) {
    const auto& read = migration.steps[i];
    plan.steps.push_back({read.step, read.phase == "contract" ? planner::Phase::contract : planner::Phase::expand,
                          {}, step_label(migration, i), ""});
  }
  return plan;
}

void run_migration(pqxx::connection& conn, const planner::Migration& migration) {
  const auto& version = migration.header.version;
  std::set<int> done;
  for (const auto& step : engine::read_steps(conn, version)) {
    if (step.status == engine::RunStatus::applied) done.insert(step.step);
  }
  engine::record_migration_started(conn, {.version = version,
                                          .name = migration.header.name,
                                          .checksum = schema::sha256_hex(migration.text),
                                          .from_fingerprint = migration.header.from,
                                          .to_fingerprint = migration.header.to,
                                          .tool_version = SCHEMACTL_VERSION});
  // Only the steps not yet applied run; `numbers` maps them back to the file's steps.
  std::vector<engine::Step> steps;
  std::vector<int> numbers;
  for (std::size_t i = 0; i < migration.steps.size(); ++i) {
    if (done.contains(static_cast<int>(i) + 1)) continue;
    steps.push_back(migration.steps[i].step);
    numbers.push_back(static_cast<int>(i) + 1);
  }
  auto plan = display_plan(migration);
  auto options = progress_reporting(plan);
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
    auto message = fmt::format("{}:{}: step {} failed: {}", migration.file,
                               migration.steps[numbers[failure.step_index] - 1].line, numbers[failure.step_index],
                               failure.what());
    engine::record_migration_finished(conn, version, engine::RunStatus::failed, message);
    throw std::runtime_error(message + "\nsteps before it are applied and recorded; fix the cause and run apply "
                                       "again: it resumes at this step");
  }
  engine::record_migration_finished(conn, version, engine::RunStatus::applied, "");
}

}  // namespace

int run_apply_migrations(const ApplyOptions& options, const Config& config) {
  auto allowed = planner::parse_allowed_hazards(options.allow_hazards);
  auto directory = load_migrations(migrations_path(config));
  auto conninfo = engine::resolve_conninfo(options.url);
  auto conn = engine::connect_for_apply(conninfo);
  engine::ApplyLock lock(*conn, !options.no_wait, [](const std::string& message) {
    fmt::print(stderr, "{}\n", message);
  });
  auto history = engine::read_history(*conn);
  check_applied_checksums(directory.migrations, history);
  auto pending = pending_migrations(directory.migrations, history);
  if (pending.empty()) {
    fmt::print(stderr, "Nothing to apply: all {} migrations are applied.\n", directory.migrations.size());
    return exit_ok;
  }
  if (!hazards_allowed(pending, allowed)) return exit_changes;

  // Drift: the database must be in the state the first pending migration was planned from.
  const auto& first = *pending.front();
  bool resuming = std::any_of(history.begin(), history.end(),
                              [&](const auto& record) { return record.version == first.header.version; });
  if (first.generated && !resuming) {
    auto live = schema::fingerprint(engine::introspect(*conn));
    if (live != first.header.from) {
      auto scratch = open_scratch(options.dev_url, config);
      MigrationsDirectory before{directory.path, {}};
      for (const auto& migration : directory.migrations) {
        if (migration.header.version == first.header.version) break;
        before.migrations.push_back(migration);
      }
      auto drift = planner::plan_changes(replay_migrations(before, scratch), engine::introspect(*conn));
      fmt::print(stderr, "error: the database drifted from the state {} was planned from ({}, found {}); nothing "
                         "was applied. What differs from the applied migrations:\n",
                 first.file, first.header.from, live);
      for (const auto& line : drift.summary) fmt::print(stderr, "  {}\n", line);
      return exit_integrity;
    }
  }

  if (!options.dry_run) engine::ensure_tracking_tables(*conn);
  for (const auto* migration : pending) {
    fmt::print(stderr, "{} {} ({} steps)\n", options.dry_run ? "Would apply" : "Applying", migration->file,
               migration->steps.size());
    auto step_name = [&](std::size_t i) { return step_label(*migration, i); };
    if (!preflight_passes(*conn, steps_of(*migration), step_name)) return exit_error;
    if (options.dry_run) {
      fmt::print("{}\n", migration->text);
      continue;
    }
    run_migration(*conn, *migration);
  }
  if (!options.dry_run) fmt::print(stderr, "Applied. {} migrations are recorded in schemactl.migrations.\n", pending.size());
  return exit_ok;
}

}  // namespace schemactl::cli
