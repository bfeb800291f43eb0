// The executor: runs steps against a database. Consecutive `shared` steps run in
// one transaction, every other step alone; each statement gets its own
// lock_timeout and statement_timeout, and a lock timeout is retried with jittered
// exponential backoff so a waiting ALTER never queues application queries for long.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/transaction_base>

#include "engine/backfill.hpp"
#include "engine/step.hpp"

namespace schemactl::engine {

struct RetryPolicy {
  int attempts = 5;  // tries per transaction on lock timeout
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{10000};
};

struct ExecutionEvents {
  std::function<void(std::size_t index)> step_started;
  std::function<void(std::size_t index, std::chrono::nanoseconds took)> step_finished;
  // `holders`: the sessions holding locks on the step's tables (describe_lock_holders).
  std::function<void(std::size_t index, int attempt, std::chrono::milliseconds wait, const std::string& holders)>
      lock_retry;
  // Inside the transaction of steps [first, last), just before it commits: what is
  // written here (e.g. tracking rows) commits or rolls back with the steps.
  std::function<void(pqxx::transaction_base& tx, std::size_t first, std::size_t last)> before_commit;
};

struct ExecutionOptions {
  RetryPolicy retry;
  BackfillOptions backfill;
  ExecutionEvents events;
};

// A step failed; what() names the step and the server's message. Earlier steps
// stay applied; the failed transaction group is rolled back.
struct StepFailed : std::runtime_error {
  StepFailed(std::size_t index, const std::string& message)
      : std::runtime_error(message), step_index(index) {}
  std::size_t step_index;
};

// Consecutive shared steps run in one transaction, up to this many to a transaction.
constexpr std::size_t shared_steps_per_transaction = 100;

// Runs the steps in order: consecutive shared ones (no backfill) in transactions of
// up to shared_steps_per_transaction, the others each on its own.
void execute(pqxx::connection& conn, const std::vector<Step>& steps, const ExecutionOptions& options);

// SQLSTATE 55P03: the lock was not granted within lock_timeout.
bool is_lock_timeout(const std::exception& error);

}  // namespace schemactl::engine
