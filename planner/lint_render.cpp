#include "planner/lint_render.hpp"
#include "planner/render.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace schemactl::planner {
namespace {

std::string location(const LintFinding& finding) {
  return fmt::format("{}:{}:{}", finding.file, finding.line, finding.column);
}

std::string count(std::size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

}  // namespace

std::string render_lint_text(const std::vector<LintFinding>& findings, std::size_t files) {
  std::size_t location_width = 0, rule_width = 0;
  for (const LintFinding& finding : findings) {
    location_width = std::max(location_width, display_width(location(finding)));
    rule_width = std::max(rule_width, finding.rule.size());
  }
  std::string out;
  for (const LintFinding& finding : findings) {
    std::string at = location(finding);
    out += fmt::format("{}{}  {} {:<{}}  {}\n    fix: {}\n", at, std::string(location_width - display_width(at), ' '),
                       finding.code, finding.rule, rule_width, finding.message, finding.fix);
  }
  if (!findings.empty()) out += "\n";
  out += fmt::format("{} in {}\n", count(findings.size(), "finding"), count(files, "file"));
  return out;
}

std::string render_lint_json(const std::vector<LintFinding>& findings) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const LintFinding& finding : findings)
    out.push_back({{"file", finding.file},
                   {"line", finding.line},
                   {"column", finding.column},
                   {"code", finding.code},
                   {"rule", finding.rule},
                   {"message", finding.message},
                   {"fix", finding.fix}});
  return out.dump(2) + "\n";
}

}  // namespace schemactl::planner
