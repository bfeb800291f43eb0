// Lint findings as people and machines read them.
#pragma once

#include <string>
#include <vector>

#include "planner/lint.hpp"

namespace schemactl::planner {

// One aligned line per finding, "file:line:col  CODE rule-name  message", its fix
// indented below, then "N findings in M files" (M: the files linted).
std::string render_lint_text(const std::vector<LintFinding>& findings, std::size_t files);

// A JSON array of {"file", "line", "column", "code", "rule", "message", "fix"}.
std::string render_lint_json(const std::vector<LintFinding>& findings);

}  // namespace schemactl::planner
