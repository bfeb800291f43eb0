// The migrations directory read against the tracking tables: which migrations are
// not applied yet and, step by step, how far each got. apply and rollback share it.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "engine/tracking.hpp"
#include "planner/migration_file.hpp"
#include "planner/plan.hpp"

namespace schemactl::cli {

// The target database under the apply lock (one apply or rollback at a time), shown
// as `application` in pg_stat_activity; with wait=false a held lock is LockBusy.
struct LockedDatabase {
  std::unique_ptr<pqxx::connection> conn;
  std::unique_ptr<engine::ApplyLock> lock;
};
LockedDatabase lock_database(const std::string& conninfo, const std::string& application, bool wait);

struct MigrationProgress {
  const planner::Migration* migration = nullptr;
  std::optional<engine::MigrationRecord> record;  // none: never started
  std::set<int> done;                             // step numbers (from 1) recorded applied

  // The steps of one phase not applied yet, by number. A hand-written step has no
  // phase and counts as expand.
  std::vector<int> remaining(planner::Phase phase) const;
};

// An applied migration whose file changed since is an integrity failure (IntegrityError).
void check_applied_checksums(const std::vector<planner::Migration>& migrations,
                             const std::vector<engine::MigrationRecord>& history);

// The migrations not recorded applied, in order, with their recorded steps.
std::vector<MigrationProgress> pending_migrations(pqxx::connection& conn,
                                                  const std::vector<planner::Migration>& migrations,
                                                  const std::vector<engine::MigrationRecord>& history);

// What a step changes, or where a hand-written step stands in its file.
std::string step_label(const planner::Migration& migration, std::size_t index);

// The steps of `migration` as a plan (objects, phases, hazards), for the progress
// display and for hazard checks.
planner::Plan display_plan(const planner::Migration& migration);

}  // namespace schemactl::cli
