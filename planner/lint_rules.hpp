// The lint rules by name inside the linter; codes and names are stable, since
// annotations and CI configurations refer to them.
#pragma once

#include <optional>
#include <string_view>

#include "planner/lint.hpp"

namespace schemactl::planner {

// In code order: SC101 is the first.
enum class LintRule {
  create_index_not_concurrently,
  drop_index_not_concurrently,
  concurrently_in_transaction,
  constraint_without_not_valid,
  set_not_null_without_check,
  not_null_column_without_default,
  volatile_default,
  column_type_change,
  unique_without_using_index,
  missing_lock_timeout,
  drop_table,
  drop_column,
  drop_constraint,
  rename,
  enum_value_without_position,
  not_idempotent_outside_transaction,
};

const LintRuleInfo& info(LintRule rule);

// The rule with this code or name, in any case.
std::optional<LintRule> find_lint_rule(std::string_view code_or_name);

}  // namespace schemactl::planner
