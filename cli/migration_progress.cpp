#include "cli/migration_progress.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/migrations.hpp"
#include "engine/connection.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::cli {

LockedDatabase lock_database(const std::string& conninfo, const std::string& application, bool wait) {
  LockedDatabase database{engine::connect_for_apply(conninfo, application), nullptr};
  database.lock = std::make_unique<engine::ApplyLock>(*database.conn, wait, [](const std::string& message) {
    fmt::print(stderr, "{}\n", message);
  });
  return database;
}

std::vector<int> MigrationProgress::remaining(planner::Phase phase) const {
  std::vector<int> numbers;
  for (std::size_t i = 0; i < migration->steps.size(); ++i) {
    int number = static_cast<int>(i) + 1;
    bool contract = migration->steps[i].phase == planner::phase_name(planner::Phase::contract);
    if (contract == (phase == planner::Phase::contract) && !done.contains(number)) numbers.push_back(number);
  }
  return numbers;
}

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

std::vector<MigrationProgress> pending_migrations(pqxx::connection& conn,
                                                  const std::vector<planner::Migration>& migrations,
                                                  const std::vector<engine::MigrationRecord>& history) {
  std::vector<MigrationProgress> pending;
  for (const auto& migration : migrations) {
    MigrationProgress progress{&migration, std::nullopt, {}};
    auto recorded = std::find_if(history.begin(), history.end(),
                                 [&](const auto& record) { return record.version == migration.header.version; });
    if (recorded != history.end()) {
      if (recorded->status == engine::RunStatus::applied) continue;
      progress.record = *recorded;
      for (const auto& step : engine::read_steps(conn, migration.header.version)) {
        if (step.status == engine::RunStatus::applied) progress.done.insert(step.step);
      }
    }
    pending.push_back(progress);
  }
  return pending;
}

std::string step_label(const planner::Migration& migration, std::size_t index) {
  const auto& step = migration.steps[index];
  return step.object.empty() ? fmt::format("{}:{}", migration.file, step.line) : step.object;
}

planner::Plan display_plan(const planner::Migration& migration) {
  planner::Plan plan;
  for (std::size_t i = 0; i < migration.steps.size(); ++i) {
    const auto& read = migration.steps[i];
    std::vector<planner::Hazard> hazards;
    for (const auto& name : read.hazards) {
      if (auto hazard = planner::parse_hazard(name)) hazards.push_back(*hazard);
    }
    plan.steps.push_back({read.step, read.phase == "contract" ? planner::Phase::contract : planner::Phase::expand,
                          hazards, step_label(migration, i), ""});
  }
  return plan;
}

}  // namespace schemactl::cli
