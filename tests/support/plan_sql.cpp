#include "support/plan_sql.hpp"

namespace schemactl::testing {

std::vector<std::string> sql_of(const planner::Plan& plan) {
  std::vector<std::string> sql;
  for (const auto& step : plan.steps) sql.push_back(step.step.sql);
  return sql;
}

}  // namespace schemactl::testing
