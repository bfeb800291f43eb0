// What plan and apply share: read both states and plan between them.
#pragma once

#include <string>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "engine/scratch.hpp"
#include "planner/plan.hpp"
#include "schema/catalog.hpp"
#include "schema/renames.hpp"

namespace schemactl::cli {

struct PlanningResult {
  bool live = false;     // current state read from a database, else replayed migrations
  std::string conninfo;  // the live database (never printed as is)
  schema::Catalog current;
  schema::Catalog desired;
  schema::Renames renames;  // the schema files' renamed-from annotations
  planner::Plan plan;
};

planner::PlanOptions plan_options(const Config& config);

// The current state is the live database when --url or DATABASE_URL names one,
// else what the migrations directory reaches when replayed.
bool has_live_database(const CommonOptions& options);

PlanningResult plan_against_database(const CommonOptions& options, const Config& config,
                                     const engine::ScratchServer& scratch);

PlanningResult plan_against_migrations(const CommonOptions& options, const Config& config,
                                       const engine::ScratchServer& scratch);

struct ApplyOptions;

// apply without --schema: the pending migration files, tracked and locked.
int run_apply_migrations(const ApplyOptions& options, const Config& config);

std::vector<engine::Step> steps_of(const planner::Plan& plan);

// Prints the plan in --format (text, sql, json or markdown) to stdout.
void print_plan(const planner::Plan& plan, const std::string& format);

}  // namespace schemactl::cli
