#include <cstdio>
#include <stdexcept>

#include <fmt/core.h>

#include "cli/exit_codes.hpp"
#include "cli/planning.hpp"
#include "cli/states.hpp"
#include "cli/terminal.hpp"
#include "engine/connection.hpp"
#include "planner/render.hpp"

namespace schemactl::cli {

planner::PlanOptions plan_options(const Config& config) {
  return {config.lock_timeout, config.statement_timeout};
}

PlanningResult plan_against_database(const CommonOptions& options, const Config& config,
                                     const engine::ScratchServer& scratch) {
  PlanningResult result;
  result.conninfo = engine::resolve_conninfo(options.url);
  // Schema errors come first: they need no database and are the likelier mistake.
  result.desired = read_schema_files(schema_patterns(options.schema, config), scratch);
  result.current = read_database(result.conninfo);
  result.plan = planner::plan_changes(result.current, result.desired, plan_options(config));
  return result;
}

void print_plan(const planner::Plan& plan, const std::string& format) {
  if (format == "sql") {
    fmt::print("{}", planner::render_sql(plan));
  } else if (format == "json") {
    fmt::print("{}", planner::render_json(plan));
  } else if (format == "text") {
    fmt::print("{}", planner::render_text(plan, {use_colour(stdout)}));
  } else {
    throw std::invalid_argument(fmt::format("unknown --format '{}' (text, sql or json)", format));
  }
}

int run_plan(const PlanOptions& options) {
  auto config = find_config(options.config);
  auto scratch = open_scratch(options.dev_url, config);
  auto result = plan_against_database(options, config, scratch);
  print_plan(result.plan, options.format);
  if (options.check && !result.plan.empty()) return exit_changes;
  return exit_ok;
}

}  // namespace schemactl::cli
