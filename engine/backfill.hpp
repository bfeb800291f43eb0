// Batched backfills: UPDATE ... SET column = value over the whole table in short
// transactions, paginated by primary key (keyset) or by ctid page ranges when the
// table has none. Rows that already hold a value (written by new application
// code, or by an earlier, interrupted run) are left alone, so it is idempotent.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "engine/step.hpp"

namespace schemactl::engine {

struct BackfillProgress {
  std::int64_t rows_done = 0;      // rows updated so far
  std::int64_t rows_estimate = 0;  // rows in the table when it started (planner estimate)
  std::int64_t batch_size = 0;     // the next batch's size (keys or pages)
  double rows_per_second = 0;
  std::chrono::seconds eta{0};
  bool finished = false;
};

struct BackfillOptions {
  // Batch size adapts so that one batch takes about this long: short enough that
  // its row locks never hold up application writes for long.
  std::chrono::milliseconds target_batch_duration{200};
  std::int64_t initial_batch_size = 1000;
  std::chrono::milliseconds pause_between_batches{0};
  std::function<void(const BackfillProgress&)> on_progress;
  // Resuming: the key (or {"page", N} for ctid ranges) after which to continue,
  // and a callback told the position after every batch, inside the batch's own
  // transaction: what it stores there commits exactly when the batch does.
  std::vector<std::string> resume_after;
  std::function<void(pqxx::transaction_base& tx, const std::vector<std::string>& position, std::int64_t rows_done)>
      on_batch;
};

// Returns the number of rows updated.
std::int64_t run_backfill(pqxx::connection& conn, const Step& step, const BackfillOptions& options);

// The next batch size: scaled toward the target duration, at most halved or
// doubled at once, within [min_size, max_size].
std::int64_t adapt_batch_size(std::int64_t size, std::chrono::nanoseconds took,
                              std::chrono::milliseconds target, std::int64_t min_size,
                              std::int64_t max_size);

}  // namespace schemactl::engine
