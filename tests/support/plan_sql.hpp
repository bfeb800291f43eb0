// The SQL of a plan's steps, in order: what rule tests compare.
#pragma once

#include <string>
#include <vector>

#include "planner/plan.hpp"

namespace schemactl::testing {

std::vector<std::string> sql_of(const planner::Plan& plan);

}  // namespace schemactl::testing
