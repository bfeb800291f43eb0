#include "cli/apply_refusals.hpp"

#include <cstdio>

#include <fmt/core.h>

#include "engine/preflight.hpp"
#include "planner/hazard.hpp"

namespace schemactl::cli {

void report_refused_hazards(std::string_view what, const std::vector<std::string>& names) {
  fmt::print(stderr, "\nerror: {} hazards that were not allowed; nothing was applied:\n", what);
  std::string list;
  for (const auto& name : names) {
    auto hazard = planner::parse_hazard(name);
    fmt::print(stderr, "  {:<24} {}\n", name, hazard ? planner::hazard_meaning(*hazard) : "unknown hazard");
    list += (list.empty() ? "" : ",") + name;
  }
  fmt::print(stderr, "allow them with --allow-hazards {}\n", list);
}

bool preflight_passes(pqxx::connection& conn, const std::vector<engine::Step>& steps,
                      const std::function<std::string(std::size_t index)>& step_name) {
  auto failures = engine::run_preflight(conn, steps);
  if (failures.empty()) return true;
  fmt::print(stderr, "\nerror: preflight checks found data the migration would fail on; nothing was applied:\n");
  for (const auto& failure : failures) {
    fmt::print(stderr, "  step {} ({}): {} row(s): {}\n    see them: {};\n", failure.step_index + 1,
               step_name(failure.step_index), failure.rows, failure.description, failure.sample_sql);
  }
  return false;
}

}  // namespace schemactl::cli
