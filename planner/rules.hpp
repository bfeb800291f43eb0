// The online rules: each change of the diff becomes staged steps.
#pragma once

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

// Adds the steps that carry out `change` to `out`. Rules read the catalogs too:
// e.g. the primary key a backfill pages through, or which columns exist already.
void plan_change(const engine::Change& change, const schema::Catalog& from, const schema::Catalog& to,
                 StagedSteps& out);

}  // namespace schemactl::planner
