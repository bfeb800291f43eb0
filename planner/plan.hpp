// A plan: the ordered, online steps that turn the current schema into the desired
// one, each with its phase, hazards and the reason it is done this way.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "engine/diff.hpp"
#include "engine/step.hpp"
#include "planner/hazard.hpp"
#include "schema/catalog.hpp"
#include "schema/renames.hpp"

namespace schemactl::planner {

// expand: safe while old application code still runs (before the deploy);
// contract: removals old code may still depend on (after the deploy).
enum class Phase { expand, contract };
std::string_view phase_name(Phase phase);

struct PlannedStep {
  engine::Step step;
  Phase phase = Phase::expand;
  std::vector<Hazard> hazards;
  std::string object;  // what it changes, e.g. "public.users.email"
  std::string why;     // one line: why this step is done this way
  // A lint rule this step is known to be safe against, and why: written into the
  // migration file as "-- schemactl:ignore RULE REASON" before the statement.
  std::string lint_ignore;
};

struct Plan {
  std::vector<PlannedStep> steps;
  std::vector<std::string> summary;   // one line per change: "+ column public.t.c text"
  std::vector<std::string> warnings;  // e.g. objects schemactl does not manage
  bool empty() const { return steps.empty(); }
  std::set<Hazard> hazards() const;
};

struct PlanOptions {
  std::chrono::milliseconds lock_timeout{2000};
  std::chrono::milliseconds statement_timeout{30000};  // for quick steps; scans get none
};

// The online plan from `from` to `to`; deterministic for the same inputs.
// `renames`: the schema files' renamed-from annotations (engine/renames.hpp).
Plan plan_changes(const schema::Catalog& from, const schema::Catalog& to,
                  const PlanOptions& options = {}, const schema::Renames& renames = {});

// Hazards of the plan that `allowed` does not name, sorted.
std::vector<Hazard> refused_hazards(const Plan& plan, const std::set<Hazard>& allowed);

}  // namespace schemactl::planner
