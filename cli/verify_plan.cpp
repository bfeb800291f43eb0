#include "cli/verify_plan.hpp"

#include <cstdio>

#include <fmt/core.h>
#include <pqxx/except>
#include <pqxx/nontransaction>

#include "cli/planning.hpp"
#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "engine/introspect.hpp"
#include "schema/ddl.hpp"
#include "schema/ddl_privileges.hpp"

namespace schemactl::cli {
namespace {

// What a re-plan would still do, one line per object; the step objects when the
// changes have no summary line.
std::string differences(const planner::Plan& remaining) {
  std::string lines;
  for (const auto& line : remaining.summary) lines += "\n  " + line;
  if (lines.empty()) {
    for (const auto& step : remaining.steps) lines += "\n  " + step.object;
  }
  return lines;
}

}  // namespace

PlanNotProven::PlanNotProven(const std::string& detail)
    : std::runtime_error(detail + "\nthis is a schemactl bug (please report it with the schema files); nothing "
                                  "was written or applied"),
      detail(detail) {}

void prove_plan_on(pqxx::connection& copy, const planner::Plan& plan, const schema::Catalog& desired,
                   const planner::PlanOptions& options, const engine::IntrospectOptions& introspection) {
  try {
    engine::execute(copy, steps_of(plan), {});
  } catch (const engine::StepFailed& failure) {
    throw PlanNotProven(fmt::format("the plan fails on a schema-only copy of the current state at step {} ({}): "
                                    "{}",
                                    failure.step_index + 1, plan.steps[failure.step_index].object, failure.what()));
  }
  auto remaining = planner::plan_changes(engine::introspect(copy, introspection), desired, options);
  if (!remaining.empty()) {
    throw PlanNotProven(fmt::format("the plan does not reach the desired schema on a schema-only copy of the "
                                    "current state; still differing:{}",
                                    differences(remaining)));
  }
}

void prove_plan(const engine::ScratchServer& scratch, const schema::Catalog& current, const planner::Plan& plan,
                const schema::Catalog& desired, const planner::PlanOptions& options,
                const engine::IntrospectOptions& introspection) {
  // Nothing to run: the plan is its own proof, and a copy of a large schema costs
  // as much to build as the desired state did.
  if (plan.empty()) return;
  scratch.ensure_roles(schema::grantees(current));  // the copy's GRANTs name them
  engine::TemporaryDatabase database(scratch, "verify");
  auto conn = engine::connect(database.conninfo());
  try {
    // As in pg_dump's scripts: a SQL function that a default calls may read a table
    // created after it.
    pqxx::nontransaction(*conn).exec("SET check_function_bodies = off;\n" + schema::render_sql(current));
  } catch (const pqxx::sql_error& error) {
    throw PlanNotProven(fmt::format("a schema-only copy of the current state cannot be built to prove the plan "
                                    "on: {}",
                                    error.what()));
  }
  prove_plan_on(*conn, plan, desired, options, introspection);
}

void prove_unless_unmanaged(const schema::Catalog& current, const schema::Catalog& desired,
                            const std::function<void()>& prove) {
  try {
    prove();
  } catch (const PlanNotProven& failure) {
    if (current.unmanaged.empty() && desired.unmanaged.empty()) throw;
    fmt::print(stderr, "warning: the plan could not be proven on a copy that lacks the objects schemactl does "
                       "not manage (see the warnings): {}\n",
               failure.detail);
  }
}

}  // namespace schemactl::cli
