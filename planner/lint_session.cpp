#include "planner/lint_session.hpp"

#include "planner/lint_tree.hpp"

namespace schemactl::planner {

using lint_tree::flag;
using lint_tree::text;

void LintSession::next_statement() {
  if (!in_block()) ++transaction_;
}

void LintSession::transaction_control(const nlohmann::json& transaction_stmt, int line) {
  std::string kind = text(transaction_stmt, "kind");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    if (in_block()) return;  // PostgreSQL warns and stays in the same block
    block_line_ = line;
    lock_timeout_at_begin_ = lock_timeout_;
  } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" || kind == "TRANS_STMT_PREPARE") {
    if (kind == "TRANS_STMT_ROLLBACK") lock_timeout_ = lock_timeout_at_begin_;
    local_lock_timeout_.reset();
    if (!flag(transaction_stmt, "chain")) {
      block_line_ = 0;
    } else {  // AND CHAIN starts the next transaction at once
      ++transaction_;
      lock_timeout_at_begin_ = lock_timeout_;
    }
  }
}

// A reset goes back to the server's default, taken to be PostgreSQL's: none.
void LintSession::set_variable(const nlohmann::json& variable_set_stmt) {
  std::string kind = text(variable_set_stmt, "kind");
  if (text(variable_set_stmt, "name") != "lock_timeout" && kind != "VAR_RESET_ALL") return;
  const nlohmann::json& args = lint_tree::child(variable_set_stmt, "args");
  bool value = kind == "VAR_SET_VALUE" && !args.empty() && lint_tree::nonzero(args[0]);
  if (!flag(variable_set_stmt, "is_local")) {
    lock_timeout_ = value;
    local_lock_timeout_.reset();
  } else if (in_block()) {  // outside a block, SET LOCAL does nothing
    local_lock_timeout_ = value;
  }
}

}  // namespace schemactl::planner
