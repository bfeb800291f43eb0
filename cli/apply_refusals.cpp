#include "cli/apply_refusals.hpp"

#include <cstdio>

#include <fmt/core.h>

#include "cli/exit_codes.hpp"
#include "engine/preflight.hpp"
#include "planner/hazard.hpp"

namespace schemactl::cli {

std::set<planner::Hazard> allowed_hazards(const ApplyOptions& options, const Config& config) {
  auto allowed = planner::parse_allowed_hazards(options.allow_hazards);
  if (!config.environment.empty()) {
    for (const auto& name : config.environments.at(config.environment).allow_hazards) {
      allowed.merge(planner::parse_allowed_hazards(name));
    }
  }
  return allowed;
}

bool confirmation_missing(const ApplyOptions& options, const Config& config) {
  return !options.yes && !options.dry_run && !config.environment.empty() &&
         config.environments.at(config.environment).require_yes;
}

int refuse_unconfirmed(const Config& config) {
  fmt::print(stderr, "\nerror: environment '{}' requires --yes; the above is what would run, and nothing was run\n",
             config.environment);
  return exit_changes;
}

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

bool plan_hazards_allowed(const planner::Plan& plan, const std::set<planner::Hazard>& allowed, std::string_view what) {
  auto refused = planner::refused_hazards(plan, allowed);
  if (refused.empty()) return true;
  std::vector<std::string> names;
  for (auto hazard : refused) names.emplace_back(planner::hazard_name(hazard));
  report_refused_hazards(what, names);
  return false;
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
