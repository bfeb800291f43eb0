// Tracking tables: what was applied to a database, by whom, when, and how far each
// step got. They live in a schema of their own (default "schemactl"), which
// introspection leaves out.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

namespace schemactl::engine {

inline constexpr const char* tracking_schema = "schemactl";

// expanded: the expand steps ran (apply --phase expand), the contract steps wait.
enum class RunStatus { running, applied, expanded, failed, rolled_back };
std::string_view run_status_name(RunStatus status);

struct MigrationRecord {
  std::string version;
  std::string name;
  std::string checksum;          // sha256 of the migration file
  std::string from_fingerprint;  // empty for hand-written migrations
  std::string to_fingerprint;
  // The live schema after an expand-only run: where the contract phase (or a
  // rollback) must find the database. Empty unless status is expanded.
  std::string expanded_fingerprint;
  RunStatus status = RunStatus::running;
  std::string started_at;        // ISO 8601, UTC
  std::string finished_at;       // empty while running
  std::int64_t duration_ms = 0;
  std::string applied_by;
  std::string tool_version;
  std::string error;
};

struct StepRecord {
  int step = 0;  // 1-based, as in the migration file
  RunStatus status = RunStatus::running;
  std::int64_t duration_ms = 0;
  std::vector<std::string> backfill_last_key;  // where a backfill resumes after a crash
  std::int64_t backfill_rows = 0;
};

// Creates the tracking schema and tables if missing (idempotent, no-op when present).
void ensure_tracking_tables(pqxx::connection& conn);

// All migrations ever recorded, oldest first; empty when the tables do not exist.
std::vector<MigrationRecord> read_history(pqxx::connection& conn);

// The steps recorded for one migration, by step number.
std::vector<StepRecord> read_steps(pqxx::connection& conn, const std::string& version);

// Each write is its own transaction, so the record survives a crash of the next step.
void record_migration_started(pqxx::connection& conn, const MigrationRecord& record);
void record_migration_finished(pqxx::connection& conn, const std::string& version, RunStatus status,
                               const std::string& error);
// The expand phase of `version` ran and the live schema is now `fingerprint`.
void record_migration_expanded(pqxx::connection& conn, const std::string& version, const std::string& fingerprint);
// `version` was rolled back: it and its steps are marked rolled_back, so apply runs
// every step again.
void record_migration_rolled_back(pqxx::connection& conn, const std::string& version);
// Within `tx`: for a transactional step, the transaction that runs it, so a step is
// recorded applied exactly when it commits.
void record_step(pqxx::transaction_base& tx, const std::string& version, const StepRecord& step);

// A session-level advisory lock: one apply at a time per database. Released when
// this object goes away, or by the server if the process dies.
class ApplyLock {
 public:
  // With wait=false, throws LockBusy naming the holder instead of waiting.
  ApplyLock(pqxx::connection& conn, bool wait, const std::function<void(const std::string&)>& on_wait);
  ~ApplyLock();
  ApplyLock(const ApplyLock&) = delete;
  ApplyLock& operator=(const ApplyLock&) = delete;

 private:
  pqxx::connection& conn_;
};

struct LockBusy : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace schemactl::engine
