// The online rules for row-level security: a table's ENABLE/FORCE switches and its
// policies. Each change becomes one staged step; all of them change who may read or
// write rows (AUTHZ_UPDATE) and take a brief ACCESS EXCLUSIVE lock on the table.
#pragma once

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

void plan_policy_change(const engine::RowSecurityChanged& change, StagedSteps& out);
void plan_policy_change(const engine::PolicyAdded& change, StagedSteps& out);
void plan_policy_change(const engine::PolicyDropped& change, StagedSteps& out);
void plan_policy_change(const engine::PolicyChanged& change, StagedSteps& out);

}  // namespace schemactl::planner
