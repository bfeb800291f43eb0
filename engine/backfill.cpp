#include "engine/backfill.hpp"

#include <algorithm>
#include <thread>

#include <fmt/format.h>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

using Clock = std::chrono::steady_clock;
using schema::quote_ident;
using schema::quote_literal;
using schema::quote_name;

std::string join_columns(const std::vector<std::string>& columns, std::string_view prefix) {
  std::string joined;
  for (const auto& column : columns) {
    if (!joined.empty()) joined += ", ";
    joined += std::string(prefix) + quote_ident(column);
  }
  return joined;
}

void set_batch_timeouts(pqxx::transaction_base& tx, const Step& step) {
  tx.exec(fmt::format("SET LOCAL lock_timeout = {}", step.lock_timeout.count()));
  tx.exec(fmt::format("SET LOCAL statement_timeout = {}", step.statement_timeout.count()));
}

std::int64_t estimate_rows(pqxx::connection& conn, const Backfill& spec) {
  pqxx::nontransaction tx(conn);
  auto table = quote_literal(quote_name(spec.table));
  auto estimate = tx.exec1(fmt::format("SELECT reltuples::bigint FROM pg_class WHERE oid = {}::regclass", table))[0].as<std::int64_t>();
  if (estimate >= 0) return estimate;
  // Never analyzed: count once (the table is small or this is the first run anyway).
  return tx.exec1("SELECT count(*) FROM " + quote_name(spec.table))[0].as<std::int64_t>();
}

// One batch of the keyset walk: the next `size` keys after `after` (none on the first
// batch), updated where the column is still NULL. Returns rows updated and the last key.
struct Batch {
  std::int64_t updated = 0;
  std::vector<std::string> last_key;  // empty when there were no more rows
};

Batch keyset_batch(pqxx::connection& conn, const Step& step, const std::vector<std::string>& after,
                   std::int64_t size) {
  const auto& spec = *step.backfill;
  auto keys = join_columns(spec.key_columns, "");
  std::string where;
  if (!after.empty()) {
    std::string values;
    for (const auto& value : after) values += (values.empty() ? "" : ", ") + quote_literal(value);
    where = fmt::format("WHERE ({}) > ({})", keys, values);
  }
  std::string match;
  for (const auto& column : spec.key_columns) {
    match += fmt::format(" AND t.{0} = b.{0}", quote_ident(column));
  }
  std::string descending;
  for (const auto& column : spec.key_columns) descending += (descending.empty() ? "" : ", ") + quote_ident(column) + " DESC";
  std::string last_key;
  for (const auto& column : spec.key_columns) {
    last_key += fmt::format(", (SELECT {}::text FROM batch ORDER BY {} LIMIT 1)", quote_ident(column), descending);
  }
  auto sql = fmt::format(
      "WITH batch AS (SELECT {keys} FROM {table} {where} ORDER BY {keys} LIMIT {size}),\n"
      "updated AS (UPDATE {table} AS t SET {column} = {value} FROM batch AS b\n"
      "            WHERE t.{column} IS NULL{match} RETURNING 1)\n"
      "SELECT (SELECT count(*) FROM updated), (SELECT count(*) FROM batch){last_key}",
      fmt::arg("keys", keys), fmt::arg("table", quote_name(spec.table)), fmt::arg("where", where),
      fmt::arg("size", size), fmt::arg("column", quote_ident(spec.column)),
      fmt::arg("value", spec.value_sql), fmt::arg("match", match), fmt::arg("last_key", last_key));
  pqxx::work tx(conn);
  set_batch_timeouts(tx, step);
  auto row = tx.exec1(sql);
  tx.commit();
  Batch batch{row[0].as<std::int64_t>(), {}};
  if (row[1].as<std::int64_t>() > 0) {
    for (std::size_t i = 0; i < spec.key_columns.size(); ++i) batch.last_key.push_back(row[static_cast<pqxx::row::size_type>(2 + i)].as<std::string>());
  }
  return batch;
}

// Without a primary key: walk the heap by page ranges (TID range scans, PostgreSQL 14+).
std::int64_t ctid_batch(pqxx::connection& conn, const Step& step, std::int64_t first_page,
                        std::int64_t pages) {
  const auto& spec = *step.backfill;
  auto sql = fmt::format(
      "UPDATE {table} SET {column} = {value} WHERE ctid >= '({from},0)'::tid "
      "AND ctid < '({to},0)'::tid AND {column} IS NULL",
      fmt::arg("table", quote_name(spec.table)), fmt::arg("column", quote_ident(spec.column)),
      fmt::arg("value", spec.value_sql), fmt::arg("from", first_page),
      fmt::arg("to", first_page + pages));
  pqxx::work tx(conn);
  set_batch_timeouts(tx, step);
  auto result = tx.exec(sql);
  tx.commit();
  return static_cast<std::int64_t>(result.affected_rows());
}

std::int64_t table_pages(pqxx::connection& conn, const Backfill& spec) {
  pqxx::nontransaction tx(conn);
  return tx.exec1(fmt::format("SELECT pg_relation_size({}::regclass) / current_setting('block_size')::bigint",
                              quote_literal(quote_name(spec.table))))[0].as<std::int64_t>();
}

class ProgressMeter {
 public:
  ProgressMeter(const BackfillOptions& options, std::int64_t estimate)
      : options_(options), started_(Clock::now()) {
    progress_.rows_estimate = estimate;
  }
  void report(std::int64_t rows_done, std::int64_t next_batch, bool finished) {
    progress_.rows_done = rows_done;
    progress_.batch_size = next_batch;
    progress_.finished = finished;
    auto seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    progress_.rows_per_second = seconds > 0 ? rows_done / seconds : 0;
    auto remaining = std::max<std::int64_t>(progress_.rows_estimate - rows_done, 0);
    progress_.eta = std::chrono::seconds(
        progress_.rows_per_second > 0 ? static_cast<std::int64_t>(remaining / progress_.rows_per_second) : 0);
    if (options_.on_progress) options_.on_progress(progress_);
  }

 private:
  const BackfillOptions& options_;
  Clock::time_point started_;
  BackfillProgress progress_;
};

}  // namespace

std::int64_t adapt_batch_size(std::int64_t size, std::chrono::nanoseconds took,
                              std::chrono::milliseconds target, std::int64_t min_size,
                              std::int64_t max_size) {
  double ratio = took.count() > 0 ? std::chrono::duration<double>(target) / took : 2.0;
  ratio = std::clamp(ratio, 0.5, 2.0);
  return std::clamp(static_cast<std::int64_t>(size * ratio), min_size, max_size);
}

std::int64_t run_backfill(pqxx::connection& conn, const Step& step, const BackfillOptions& options) {
  const auto& spec = *step.backfill;
  ProgressMeter meter(options, estimate_rows(conn, spec));
  std::int64_t done = 0;
  auto pause = [&] {
    if (options.pause_between_batches.count() > 0) std::this_thread::sleep_for(options.pause_between_batches);
  };
  auto committed = [&](const std::vector<std::string>& position) {
    if (options.on_batch) options.on_batch(position, done);
  };
  if (!spec.key_columns.empty()) {
    std::int64_t size = options.initial_batch_size;
    std::vector<std::string> after = options.resume_after;
    while (true) {
      auto started = Clock::now();
      auto batch = keyset_batch(conn, step, after, size);
      if (batch.last_key.empty()) break;
      done += batch.updated;
      after = std::move(batch.last_key);
      committed(after);
      size = adapt_batch_size(size, Clock::now() - started, options.target_batch_duration, 100, 1'000'000);
      meter.report(done, size, false);
      pause();
    }
  } else {
    std::int64_t pages = std::max<std::int64_t>(options.initial_batch_size / 100, 1);
    // Rows an UPDATE moves to new pages past the end are already filled in.
    std::int64_t last_page = table_pages(conn, spec);
    std::int64_t page = options.resume_after.size() == 2 ? std::stoll(options.resume_after[1]) : 0;
    while (page < last_page) {
      auto started = Clock::now();
      done += ctid_batch(conn, step, page, pages);
      page += pages;
      committed({"page", std::to_string(page)});
      pages = adapt_batch_size(pages, Clock::now() - started, options.target_batch_duration, 1, 100'000);
      meter.report(done, pages, false);
      pause();
    }
  }
  meter.report(done, 0, true);
  return done;
}

}  // namespace schemactl::engine
