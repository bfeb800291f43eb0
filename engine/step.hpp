// A Step is what the executor knows how to run: one piece of SQL with its
// transaction mode and its own timeouts, or a batched backfill. The planner
// decides which steps and in what order; the engine only runs them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::engine {

enum class TxMode {
  shared,  // metadata-only; may share one transaction with adjacent shared steps
  own,     // needs a transaction of its own (e.g. VALIDATE scans the table)
  none,    // must run outside any transaction (CONCURRENTLY, ALTER TYPE ... ADD VALUE)
};

// UPDATE table SET column = value in short keyset-paginated batches.
struct Backfill {
  schema::QualifiedName table;
  std::string column;
  std::string value_sql;                 // e.g. "DEFAULT": the column's own default
  std::vector<std::string> key_columns;  // primary key; empty means ctid ranges
};

// A data check run before anything of the migration runs: a step that would fail
// on existing rows (duplicates before a unique index, NULLs before SET NOT NULL,
// orphans before a foreign key is validated) stops the migration before it starts.
struct Preflight {
  std::string description;  // "duplicates in public.users (email)"
  std::string rows_sql;     // SELECT ... of the offending rows; counted, and shown as the sample query
};

struct Step {
  std::string sql;  // runnable as is; for a backfill, the equivalent single UPDATE
  TxMode tx = TxMode::shared;
  std::chrono::milliseconds lock_timeout{2000};
  std::chrono::milliseconds statement_timeout{30000};  // 0 = none
  std::optional<Backfill> backfill;
  std::vector<Preflight> preflight;
};

}  // namespace schemactl::engine
