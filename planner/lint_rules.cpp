#include "planner/lint_rules.hpp"

#include <algorithm>
#include <cctype>

namespace schemactl::planner {

const std::vector<LintRuleInfo>& lint_rules() {
  static const std::vector<LintRuleInfo> rules = {
      {"SC101", "create-index-not-concurrently",
       "CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds"},
      {"SC102", "drop-index-not-concurrently",
       "DROP INDEX without CONCURRENTLY blocks reads and writes of the table while it waits and works"},
      {"SC103", "concurrently-in-transaction",
       "CONCURRENTLY (or another statement PostgreSQL refuses in a transaction block) inside BEGIN ... COMMIT"},
      {"SC104", "constraint-without-not-valid",
       "CHECK or FOREIGN KEY checked against existing rows while the lock of its ADD is held"},
      {"SC105", "set-not-null-without-check",
       "SET NOT NULL without a validated CHECK (col IS NOT NULL) scans the table under ACCESS EXCLUSIVE"},
      {"SC106", "not-null-column-without-default",
       "ADD COLUMN ... NOT NULL without a DEFAULT fails on a table with rows"},
      {"SC107", "volatile-default",
       "ADD COLUMN with a volatile default, serial, identity or stored generated value rewrites the table"},
      {"SC108", "column-type-change",
       "ALTER COLUMN ... TYPE rewrites the table and its indexes unless the change is binary-coercible"},
      {"SC109", "unique-without-using-index",
       "UNIQUE or PRIMARY KEY added without USING INDEX builds its index under ACCESS EXCLUSIVE"},
      {"SC110", "missing-lock-timeout",
       "a lock stronger than SHARE UPDATE EXCLUSIVE on an existing table, with no lock_timeout set"},
      {"SC111", "drop-table", "DROP TABLE deletes the table and its rows; code still using it fails"},
      {"SC112", "drop-column", "DROP COLUMN deletes the column's data; code still using it fails"},
      {"SC113", "drop-constraint", "DROP CONSTRAINT lets in rows the constraint refused"},
      {"SC114", "rename", "a renamed table or column breaks code still using the old name"},
      {"SC115", "enum-value-without-position",
       "ALTER TYPE ... ADD VALUE without BEFORE/AFTER sorts the new value after every other"},
      {"SC116", "not-idempotent-outside-transaction",
       "a statement outside any transaction without IF [NOT] EXISTS fails when a resumed apply runs it again"},
  };
  return rules;
}

const LintRuleInfo& info(LintRule rule) { return lint_rules()[static_cast<std::size_t>(rule)]; }

std::optional<LintRule> find_lint_rule(std::string_view code_or_name) {
  auto same = [](std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
      return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
  };
  const auto& rules = lint_rules();
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (same(rules[i].code, code_or_name) || same(rules[i].name, code_or_name)) return static_cast<LintRule>(i);
  return std::nullopt;
}

}  // namespace schemactl::planner
