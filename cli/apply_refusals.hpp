// Why apply stops before its first step: hazards nobody allowed, data a step would
// fail on, or an environment that wants --yes. Shared by declarative apply, apply of
// migration files and rollback.
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/connection>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "engine/step.hpp"
#include "planner/hazard.hpp"
#include "planner/plan.hpp"

namespace schemactl::cli {

// --allow-hazards added to the selected environment's allow_hazards.
std::set<planner::Hazard> allowed_hazards(const ApplyOptions& options, const Config& config);

// The selected environment has require_yes and --yes was not given: the command
// shows what it would run (as --dry-run) and then refuses with exit 2.
bool confirmation_missing(const ApplyOptions& options, const Config& config);
int refuse_unconfirmed(const Config& config);

// Prints each refused hazard (by name, as plans and migration files write them)
// with its meaning, and the --allow-hazards flag that would accept them.
void report_refused_hazards(std::string_view what, const std::vector<std::string>& names);

// True when `allowed` covers every hazard of `plan`; otherwise reports the rest
// (report_refused_hazards) as what `what` carries.
bool plan_hazards_allowed(const planner::Plan& plan, const std::set<planner::Hazard>& allowed, std::string_view what);

// Runs every step's preflight checks; prints each failure with its step (named by
// `step_name`), row count and a query that shows the rows. True when all pass.
bool preflight_passes(pqxx::connection& conn, const std::vector<engine::Step>& steps,
                      const std::function<std::string(std::size_t index)>& step_name);

}  // namespace schemactl::cli
