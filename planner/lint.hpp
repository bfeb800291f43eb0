// Online-safety lint of any SQL migration, hand-written or generated: statements
// that would block the application while they wait or work, fail on a table with
// rows, or break code that still runs, each reported with a stable code and what to
// do instead.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemactl::planner {

struct LintFinding {
  std::string code;     // stable: "SC101"
  std::string rule;     // kebab-case: "create-index-not-concurrently"
  std::string message;  // what is unsafe, naming the object
  std::string file;
  int line = 0;     // of the statement's first token, 1-based
  int column = 0;   // 1-based, in characters
  std::string fix;  // what to do instead
};

struct LintRuleInfo {
  std::string_view code;
  std::string_view name;
  std::string_view summary;  // one line
};

// Every rule, in code order.
const std::vector<LintRuleInfo>& lint_rules();

// The findings of one file, in file order. A comment line
// `-- schemactl:ignore CODE-or-name[, ...] [reason]` directly before a statement
// silences those rules for it; `-- schemactl:ignore-file CODE-or-name[, ...]`
// anywhere silences them for the file. Throws schema::SchemaError (file:line:col)
// on a syntax error or an annotation naming no known rule.
std::vector<LintFinding> lint_sql(const std::string& file, std::string_view text);

}  // namespace schemactl::planner
