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

// Called inside a batch's transaction, after its UPDATE: the position reached and
// the rows this batch updated.
using BatchCommit = std::function<void(pqxx::transaction_base&, const std::vector<std::string>&, std::int64_t)>;

std::string key_values(const std::vector<std::string>& values) {
  std::string list;
  for (const auto& value : values) list += (list.empty() ? "" : ", ") + quote_literal(value);
  return list;
}

// The key `offset` rows past `after` (or the first key) and not past `end` (when
// given), as text; empty if there is none. `last` walks backwards from the end.
std::vector<std::string> key_at(pqxx::transaction_base& tx, const Backfill& spec, const std::vector<std::string>& after,
                                const std::vector<std::string>& end, std::int64_t offset, bool last) {
  // Qualified with the alias: a bare name in ORDER BY would mean the text output column.
  auto keys = join_columns(spec.key_columns, "k.");
  // Typed comparisons: the literals take the key columns' types from the row.
  std::vector<std::string> bounds;
  if (!after.empty()) bounds.push_back(fmt::format("({}) > ({})", keys, key_values(after)));
  if (!end.empty()) bounds.push_back(fmt::format("({}) <= ({})", keys, key_values(end)));
  std::string where;
  for (const auto& bound : bounds) where += (where.empty() ? "WHERE " : " AND ") + bound;
  std::string order;
  for (const auto& column : spec.key_columns) order += std::string(order.empty() ? "" : ", ") + "k." + quote_ident(column) + (last ? " DESC" : "");
  std::string as_text;
  for (const auto& column : spec.key_columns) as_text += std::string(as_text.empty() ? "" : ", ") + "k." + quote_ident(column) + "::text";
  auto rows = tx.exec(fmt::format("SELECT {} FROM {} AS k {} ORDER BY {} LIMIT 1 OFFSET {}", as_text,
                                  quote_name(spec.table), where, order, offset));
  std::vector<std::string> key;
  if (!rows.empty()) {
    for (const auto& field : rows[0]) key.push_back(field.as<std::string>());
  }
  return key;
}

// One batch of the keyset walk: keys in (after, upper], upper being the size-th key
// after `after` (found with an index-only scan), or the walk's end key when fewer
// are left, which makes it the last batch. A bounded range keeps every batch an
// index range scan, whatever its size.
struct Batch {
  std::int64_t updated = 0;
  bool last = false;
  std::vector<std::string> upper;
};

Batch keyset_batch(pqxx::connection& conn, const Step& step, const std::vector<std::string>& after,
                   const std::vector<std::string>& end, std::int64_t size, const BatchCommit& before_commit) {
  const auto& spec = *step.backfill;
  auto keys = join_columns(spec.key_columns, "");
  pqxx::work tx(conn);
  set_batch_timeouts(tx, step);
  Batch batch{.upper = key_at(tx, spec, after, end, size - 1, false)};
  batch.last = batch.upper.empty();
  if (batch.last) batch.upper = end;
  std::string lower = after.empty() ? "" : fmt::format("({}) > ({}) AND ", keys, key_values(after));
  auto result = tx.exec(fmt::format("UPDATE {} SET {} = {} WHERE {}({}) <= ({}) AND {} IS NULL", quote_name(spec.table),
                                    quote_ident(spec.column), spec.value_sql, lower, keys, key_values(batch.upper),
                                    quote_ident(spec.column)));
  batch.updated = static_cast<std::int64_t>(result.affected_rows());
  before_commit(tx, batch.upper, batch.updated);
  tx.commit();
  return batch;
}

// Without a primary key: walk the heap by page ranges (TID range scans, PostgreSQL 14+).
std::int64_t ctid_batch(pqxx::connection& conn, const Step& step, std::int64_t first_page, std::int64_t pages,
                        const BatchCommit& before_commit) {
  const auto& spec = *step.backfill;
  auto sql = fmt::format(
      "UPDATE {table} SET {column} = {value} WHERE ctid >= '({from},0)'::tid "
      "AND ctid < '({to},0)'::tid AND {column} IS NULL",
      fmt::arg("table", quote_name(spec.table)), fmt::arg("column", quote_ident(spec.column)),
      fmt::arg("value", spec.value_sql), fmt::arg("from", first_page),
      fmt::arg("to", first_page + pages));
  pqxx::work tx(conn);
  set_batch_timeouts(tx, step);
  auto updated = static_cast<std::int64_t>(tx.exec(sql).affected_rows());
  before_commit(tx, {"page", std::to_string(first_page + pages)}, updated);
  tx.commit();
  return updated;
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
  BatchCommit committed = [&](pqxx::transaction_base& tx, const std::vector<std::string>& position,
                               std::int64_t updated) {
    if (options.on_batch) options.on_batch(tx, position, done + updated);
  };
  if (!spec.key_columns.empty()) {
    // Rows inserted after this point got the column's default: the walk ends here.
    std::vector<std::string> end;
    {
      pqxx::read_transaction tx(conn);
      end = key_at(tx, spec, {}, {}, 0, true);
    }
    std::int64_t size = options.initial_batch_size;
    std::vector<std::string> after = options.resume_after;
    while (!end.empty()) {
      auto started = Clock::now();
      auto batch = keyset_batch(conn, step, after, end, size, committed);
      done += batch.updated;
      if (batch.last) break;
      after = std::move(batch.upper);
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
      done += ctid_batch(conn, step, page, pages, committed);
      page += pages;
      pages = adapt_batch_size(pages, Clock::now() - started, options.target_batch_duration, 1, 100'000);
      meter.report(done, pages, false);
      pause();
    }
  }
  meter.report(done, 0, true);
  return done;
}

}  // namespace schemactl::engine
