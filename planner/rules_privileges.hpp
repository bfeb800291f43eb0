// The online rules for table and column privileges. Each change is one quick
// step, GRANT or REVOKE, that changes who may read or write (AUTHZ_UPDATE). Grants
// come after the objects they are on; revokes and lost grant options wait for the
// contract phase, as old code may rely on them. A grant to a role carries a
// preflight check that the role exists.
#pragma once

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

void plan_privilege_change(const engine::PrivilegeGranted& change, StagedSteps& out);
void plan_privilege_change(const engine::PrivilegeRevoked& change, StagedSteps& out);
void plan_privilege_change(const engine::GrantOptionChanged& change, StagedSteps& out);

}  // namespace schemactl::planner
