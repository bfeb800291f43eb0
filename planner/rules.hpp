// The online rules: each change of the diff becomes staged steps.
#pragma once

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

// Adds the steps that carry out `change` to `out`. `from` is the current catalog
// (rules need it, e.g. the primary key a backfill pages through).
void plan_change(const engine::Change& change, const schema::Catalog& from, StagedSteps& out);

}  // namespace schemactl::planner
