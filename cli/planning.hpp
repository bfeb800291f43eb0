// What plan and apply share: read both states and plan between them.
#pragma once

#include <string>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "engine/scratch.hpp"
#include "planner/plan.hpp"
#include "schema/catalog.hpp"

namespace schemactl::cli {

struct PlanningResult {
  std::string conninfo;  // the target database (never printed as is)
  schema::Catalog current;
  schema::Catalog desired;
  planner::Plan plan;
};

planner::PlanOptions plan_options(const Config& config);

PlanningResult plan_against_database(const CommonOptions& options, const Config& config,
                                     const engine::ScratchServer& scratch);

// Prints the plan in --format (text, sql or json) to stdout.
void print_plan(const planner::Plan& plan, const std::string& format);

}  // namespace schemactl::cli
