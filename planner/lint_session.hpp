// Where a migration's session stands as the linter reads it, statement by statement:
// which transaction runs, and whether a lock_timeout is set.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace schemactl::planner {

class LintSession {
 public:
  // Before each statement: outside BEGIN ... COMMIT every statement is its own transaction.
  void next_statement();
  // BEGIN, START TRANSACTION, COMMIT [AND CHAIN], ROLLBACK, PREPARE TRANSACTION.
  void transaction_control(const nlohmann::json& transaction_stmt, int line);
  // SET [LOCAL] lock_timeout, RESET lock_timeout, RESET ALL.
  void set_variable(const nlohmann::json& variable_set_stmt);

  int transaction() const { return transaction_; }  // numbers transactions: "in the same one"
  int block_line() const { return block_line_; }    // of the open BEGIN; 0 outside a block
  bool in_block() const { return block_line_ != 0; }
  bool has_lock_timeout() const { return local_lock_timeout_.value_or(lock_timeout_); }

 private:
  int transaction_ = 0;
  int block_line_ = 0;
  bool lock_timeout_ = false;               // a non-zero session lock_timeout
  bool lock_timeout_at_begin_ = false;      // what ROLLBACK restores
  std::optional<bool> local_lock_timeout_;  // SET LOCAL, until the block ends
};

}  // namespace schemactl::planner
