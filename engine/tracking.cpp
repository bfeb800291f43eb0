#include "engine/tracking.hpp"

#include <functional>

#include <fmt/format.h>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "engine/text_array.hpp"

namespace schemactl::engine {
namespace {

// "schemact" in ASCII: the advisory lock every schemactl apply takes.
constexpr std::int64_t apply_lock_key = 0x736368656d616374;

constexpr const char* create_tables = R"sql(
CREATE SCHEMA IF NOT EXISTS schemactl;
CREATE TABLE IF NOT EXISTS schemactl.migrations (
    version text PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    from_fingerprint text NOT NULL DEFAULT '',
    to_fingerprint text NOT NULL DEFAULT '',
    expanded_fingerprint text NOT NULL DEFAULT '',
    status text NOT NULL CONSTRAINT migrations_status_check
        CHECK (status IN ('running', 'applied', 'expanded', 'failed', 'rolled_back')),
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    duration_ms bigint NOT NULL DEFAULT 0,
    applied_by text NOT NULL DEFAULT current_user,
    tool_version text NOT NULL,
    error text NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS schemactl.steps (
    version text NOT NULL REFERENCES schemactl.migrations ON DELETE CASCADE,
    step integer NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'applied', 'failed', 'rolled_back')),
    duration_ms bigint NOT NULL DEFAULT 0,
    backfill_last_key text[] NOT NULL DEFAULT '{}',
    backfill_rows bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (version, step)
);
-- Tables made before the expand phase existed gain its column and status.
ALTER TABLE schemactl.migrations ADD COLUMN IF NOT EXISTS expanded_fingerprint text NOT NULL DEFAULT '';
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'schemactl.migrations'::regclass
                   AND conname = 'migrations_status_check' AND pg_get_constraintdef(oid) LIKE '%expanded%') THEN
    ALTER TABLE schemactl.migrations DROP CONSTRAINT IF EXISTS migrations_status_check,
      ADD CONSTRAINT migrations_status_check
        CHECK (status IN ('running', 'applied', 'expanded', 'failed', 'rolled_back'));
  END IF;
END $$;
)sql";

RunStatus parse_status(const std::string& text) {
  if (text == "applied") return RunStatus::applied;
  if (text == "expanded") return RunStatus::expanded;
  if (text == "failed") return RunStatus::failed;
  if (text == "rolled_back") return RunStatus::rolled_back;
  return RunStatus::running;
}

std::vector<std::string> text_array(const pqxx::field& field) {
  std::vector<std::string> values;
  auto parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next()) {
    if (item.first == pqxx::array_parser::string_value) values.push_back(item.second);
  }
  return values;
}

std::string describe_holder(pqxx::connection& conn) {
  pqxx::nontransaction tx(conn);
  auto rows = tx.exec_params(
      "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.backend_start "
      "FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
      // An advisory lock belongs to its database: an apply on another database of
      // the same server holds a lock of the same key that is not ours.
      "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1 "
      "  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
      static_cast<std::int64_t>(apply_lock_key >> 32), static_cast<std::int64_t>(apply_lock_key & 0xffffffff));
  if (rows.empty()) return "another session";
  const auto& row = rows[0];
  return fmt::format("pid {} ({} as {}, {}connected since {})", row[0].c_str(), row[2].c_str(), row[1].c_str(),
                     row[3].is_null() ? "" : fmt::format("from {}, ", row[3].c_str()), row[4].c_str());
}

}  // namespace

std::string_view run_status_name(RunStatus status) {
  switch (status) {
    case RunStatus::running: return "running";
    case RunStatus::applied: return "applied";
    case RunStatus::expanded: return "expanded";
    case RunStatus::failed: return "failed";
    case RunStatus::rolled_back: return "rolled_back";
  }
  return "";
}

void ensure_tracking_tables(pqxx::connection& conn) {
  pqxx::work tx(conn);
  // Concurrent first runs must not race on CREATE IF NOT EXISTS.
  tx.exec_params("SELECT pg_advisory_xact_lock($1)", apply_lock_key + 1);
  tx.exec(create_tables);
  tx.commit();
}

std::vector<MigrationRecord> read_history(pqxx::connection& conn) {
  pqxx::read_transaction tx(conn);
  if (tx.exec1("SELECT to_regclass('schemactl.migrations') IS NULL")[0].as<bool>()) return {};
  std::vector<MigrationRecord> history;
  for (const auto& row : tx.exec(
           // Read through jsonb: tables made before expanded_fingerprint existed gain it
           // only when apply next runs, and status or a dry run must not fail before.
           "SELECT version, name, checksum, from_fingerprint, to_fingerprint, "
           "  coalesce(to_jsonb(m) ->> 'expanded_fingerprint', ''), status, "
           "  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
           "  coalesce(to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), ''), "
           "  duration_ms, applied_by, tool_version, error "
           "FROM schemactl.migrations m ORDER BY version")) {
    history.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>(),
                       row[3].as<std::string>(), row[4].as<std::string>(), row[5].as<std::string>(),
                       parse_status(row[6].as<std::string>()), row[7].as<std::string>(), row[8].as<std::string>(),
                       row[9].as<std::int64_t>(), row[10].as<std::string>(), row[11].as<std::string>(),
                       row[12].as<std::string>()});
  }
  return history;
}

std::vector<StepRecord> read_steps(pqxx::connection& conn, const std::string& version) {
  pqxx::read_transaction tx(conn);
  std::vector<StepRecord> steps;
  for (const auto& row : tx.exec_params(
           "SELECT step, status, duration_ms, backfill_last_key, backfill_rows FROM schemactl.steps "
           "WHERE version = $1 ORDER BY step",
           version)) {
    steps.push_back({row[0].as<int>(), parse_status(row[1].as<std::string>()), row[2].as<std::int64_t>(),
                     text_array(row[3]), row[4].as<std::int64_t>()});
  }
  return steps;
}

void record_migration_started(pqxx::connection& conn, const MigrationRecord& record) {
  pqxx::work tx(conn);
  // A rerun after a crash or failure takes over the old row; its steps stay, so
  // finished steps are skipped and a backfill resumes where it stopped.
  tx.exec_params(
      "INSERT INTO schemactl.migrations (version, name, checksum, from_fingerprint, to_fingerprint, status, "
      "  tool_version) VALUES ($1, $2, $3, $4, $5, 'running', $6) "
      "ON CONFLICT (version) DO UPDATE SET status = 'running', started_at = now(), finished_at = NULL, "
      "  error = '', expanded_fingerprint = '', applied_by = current_user, tool_version = EXCLUDED.tool_version",
      record.version, record.name, record.checksum, record.from_fingerprint, record.to_fingerprint,
      record.tool_version);
  tx.commit();
}

void record_migration_finished(pqxx::connection& conn, const std::string& version, RunStatus status,
                               const std::string& error) {
  pqxx::work tx(conn);
  tx.exec_params(
      "UPDATE schemactl.migrations SET status = $2, finished_at = now(), error = $3, "
      "  duration_ms = (extract(epoch FROM now() - started_at) * 1000)::bigint WHERE version = $1",
      version, std::string(run_status_name(status)), error);
  tx.commit();
}

void record_migration_expanded(pqxx::connection& conn, const std::string& version, const std::string& fingerprint) {
  record_migration_finished(conn, version, RunStatus::expanded, "");
  pqxx::work tx(conn);
  tx.exec_params("UPDATE schemactl.migrations SET expanded_fingerprint = $2 WHERE version = $1", version, fingerprint);
  tx.commit();
}

void record_migration_rolled_back(pqxx::connection& conn, const std::string& version) {
  pqxx::work tx(conn);
  tx.exec_params("UPDATE schemactl.migrations SET status = 'rolled_back', finished_at = now(), error = '', "
                 "  expanded_fingerprint = '' WHERE version = $1",
                 version);
  tx.exec_params("UPDATE schemactl.steps SET status = 'rolled_back', backfill_last_key = '{}', backfill_rows = 0, "
                 "  updated_at = now() WHERE version = $1",
                 version);
  tx.commit();
}

void record_step(pqxx::transaction_base& tx, const std::string& version, const StepRecord& step) {
  auto key = text_array_literal(step.backfill_last_key);
  tx.exec_params(
      "INSERT INTO schemactl.steps (version, step, status, duration_ms, backfill_last_key, backfill_rows) "
      "VALUES ($1, $2, $3, $4, $5::text[], $6) ON CONFLICT (version, step) DO UPDATE SET status = EXCLUDED.status, "
      "  duration_ms = EXCLUDED.duration_ms, backfill_last_key = EXCLUDED.backfill_last_key, "
      "  backfill_rows = EXCLUDED.backfill_rows, updated_at = now()",
      version, step.step, std::string(run_status_name(step.status)), step.duration_ms, key, step.backfill_rows);
}

ApplyLock::ApplyLock(pqxx::connection& conn, bool wait, const std::function<void(const std::string&)>& on_wait)
    : conn_(conn) {
  auto try_lock = [&] {
    pqxx::nontransaction tx(conn_);
    return tx.exec_params1("SELECT pg_try_advisory_lock($1)", apply_lock_key)[0].as<bool>();
  };
  if (try_lock()) return;
  auto holder = describe_holder(conn_);
  if (!wait) throw LockBusy("another schemactl apply is running: " + holder);
  if (on_wait) on_wait("waiting for another schemactl apply to finish: " + holder);
  pqxx::nontransaction(conn_).exec_params("SELECT pg_advisory_lock($1)", apply_lock_key);
}

ApplyLock::~ApplyLock() {
  try {
    pqxx::nontransaction tx(conn_);
    tx.exec_params("SELECT pg_advisory_unlock($1)", apply_lock_key);
  } catch (...) {
    // The server releases a session lock when the connection closes anyway.
  }
}

}  // namespace schemactl::engine
