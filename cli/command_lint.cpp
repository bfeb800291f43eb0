#include <cstdio>
#include <stdexcept>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "planner/lint.hpp"
#include "planner/lint_render.hpp"
#include "schema/source.hpp"

namespace schemactl::cli {

// Every file is linted even when one cannot be read or parsed, so one run shows all
// there is to fix; an error still decides the exit code.
int run_lint(const std::vector<std::string>& files, const std::string& format) {
  if (format != "text" && format != "json")
    throw std::invalid_argument(fmt::format("unknown --format '{}' (text or json)", format));
  std::vector<planner::LintFinding> findings;
  std::size_t linted = 0;
  bool failed = false;
  for (const std::string& file : files) {
    try {
      std::vector<planner::LintFinding> found = planner::lint_sql(file, schema::read_file(file));
      findings.insert(findings.end(), found.begin(), found.end());
      ++linted;
    } catch (const schema::SchemaError& error) {
      fmt::print(stderr, "{}\n", error.what());
      failed = true;
    }
  }
  fmt::print("{}",
             format == "json" ? planner::render_lint_json(findings) : planner::render_lint_text(findings, linted));
  if (failed) return exit_error;
  return findings.empty() ? exit_ok : exit_changes;
}

}  // namespace schemactl::cli
