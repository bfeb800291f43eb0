#include "engine/executor.hpp"

#include <random>
#include <thread>

#include <fmt/format.h>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "engine/lock_holders.hpp"
#include "schema/expression.hpp"
#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

using Clock = std::chrono::steady_clock;

std::string set_timeouts_sql(const Step& step, std::string_view scope) {
  return fmt::format("SET {0}lock_timeout = {1}; SET {0}statement_timeout = {2}", scope,
                     step.lock_timeout.count(), step.statement_timeout.count());
}

// A CREATE INDEX CONCURRENTLY that was interrupted (crash, cancel, duplicate key)
// leaves an INVALID index behind, which IF NOT EXISTS would keep: drop it first.
void drop_invalid_leftover(pqxx::nontransaction& tx, const Step& step) {
  auto index = schema::index_built_concurrently(step.sql);
  if (!index) return;
  auto name = schema::quote_name(*index);
  auto invalid = tx.exec_params(
      "SELECT NOT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)", name);
  if (!invalid.empty() && invalid[0][0].as<bool>()) {
    tx.exec(fmt::format("SET lock_timeout = {}", step.lock_timeout.count()));
    tx.exec("DROP INDEX CONCURRENTLY IF EXISTS " + name);
  }
}

// Steps [first, last) that run as one unit: a group of shared steps, or one step.
// `running` tracks the step under way, so a failure names the right one.
void run_unit(pqxx::connection& conn, const std::vector<Step>& steps, std::size_t first,
              std::size_t last, const ExecutionOptions& options, std::size_t& running) {
  running = first;
  const auto& events = options.events;
  const Step& head = steps[first];
  if (head.backfill) {
    if (events.step_started) events.step_started(first);
    run_backfill(conn, head, options.backfill);
    return;
  }
  if (head.tx == TxMode::none) {
    if (events.step_started) events.step_started(first);
    pqxx::nontransaction tx(conn);
    drop_invalid_leftover(tx, head);
    tx.exec(set_timeouts_sql(head, ""));
    tx.exec(head.sql);
    tx.exec("RESET lock_timeout; RESET statement_timeout");
    return;
  }
  pqxx::work tx(conn);
  for (auto i = first; i < last; ++i) {
    running = i;
    if (events.step_started) events.step_started(i);
    tx.exec(set_timeouts_sql(steps[i], "LOCAL "));
    tx.exec(steps[i].sql);
  }
  if (events.before_commit) events.before_commit(tx, first, last);
  tx.commit();
}

std::chrono::milliseconds backoff(const RetryPolicy& policy, int attempt) {
  static thread_local std::mt19937 random{std::random_device{}()};
  auto ceiling = std::min(policy.max_backoff, policy.first_backoff * (1 << std::min(attempt, 16)));
  // Full jitter: concurrent appliers and application retries do not line up.
  std::uniform_int_distribution<long> pick(ceiling.count() / 2, ceiling.count());
  return std::chrono::milliseconds(pick(random));
}

}  // namespace

bool is_lock_timeout(const std::exception& error) {
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error);
  return sql != nullptr && sql->sqlstate() == "55P03";
}

void execute(pqxx::connection& conn, const std::vector<Step>& steps, const ExecutionOptions& options) {
  // Each relation a step touches holds a lock to the end of its transaction; dropping
  // 3,000 tables in one ran out of the lock table (max_locks_per_transaction = 64
  // per connection by default).
  std::size_t first = 0;
  while (first < steps.size()) {
    std::size_t last = first + 1;
    if (steps[first].tx == TxMode::shared && !steps[first].backfill) {
      while (last < steps.size() && last - first < shared_steps_per_transaction && steps[last].tx == TxMode::shared &&
             !steps[last].backfill)
        ++last;
    }
    auto started = Clock::now();
    std::size_t running = first;
    for (int attempt = 1;; ++attempt) {
      try {
        run_unit(conn, steps, first, last, options, running);
        break;
      } catch (const pqxx::sql_error& error) {
        if (is_lock_timeout(error) && attempt < options.retry.attempts) {
          auto wait = backoff(options.retry, attempt);
          if (options.events.lock_retry) {
            options.events.lock_retry(running, attempt, wait, describe_lock_holders(conn, steps[running]));
          }
          std::this_thread::sleep_for(wait);
          continue;
        }
        std::string message = error.what();
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        throw StepFailed(running, message);
      }
    }
    auto took = Clock::now() - started;
    for (auto i = first; i < last; ++i) {
      if (options.events.step_finished) options.events.step_finished(i, i + 1 == last ? took : std::chrono::nanoseconds{0});
    }
    first = last;
  }
}

}  // namespace schemactl::engine
