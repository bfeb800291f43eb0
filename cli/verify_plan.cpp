#include "cli/verify_plan.hpp"

#include <memory>
#include <cstdio>

#include <fmt/core.h>
#include <pqxx/except>
#include <pqxx/nontransaction>

#include "cli/planning.hpp"
#include "engine/connection.hpp"
#include "engine/desired_state.hpp"
#include "engine/executor.hpp"
#include "engine/introspect.hpp"
#include "schema/catalog_scope.hpp"
#include "schema/ddl_privileges.hpp"

namespace schemactl::cli {

PlanNotProven::PlanNotProven(const std::string& detail)
    : std::runtime_error(detail + "\nthis is a schemactl bug (please report it with the schema files); nothing "
                                  "was written or applied"),
      detail(detail) {}

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

void run_plan_on(pqxx::connection& copy, const planner::Plan& plan) {
  try {
    engine::execute(copy, steps_of(plan), {});
  } catch (const engine::StepFailed& failure) {
    throw PlanNotProven(fmt::format("the plan fails on a schema-only copy of the current state at step {} ({}): "
                                    "{}",
                                    failure.step_index + 1, plan.steps[failure.step_index].object, failure.what()));
  }
}

void require_no_difference(const schema::Catalog& read_back, const schema::Catalog& desired,
                           const planner::PlanOptions& options) {
  auto remaining = planner::plan_changes(read_back, desired, options);
  if (!remaining.empty()) {
    throw PlanNotProven(fmt::format("the plan does not reach the desired schema on a schema-only copy of the "
                                    "current state; still differing:{}",
                                    differences(remaining)));
  }
}

// `catalog` built (schema::render_sql) in `database`.
std::unique_ptr<pqxx::connection> build_copy(const engine::ScratchServer& scratch,
                                             const engine::TemporaryDatabase& database,
                                             const schema::Catalog& catalog) {
  scratch.ensure_roles(schema::grantees(catalog));  // the copy's GRANTs name them
  auto conn = engine::connect(database.conninfo());
  try {
    // As in pg_dump's scripts: a SQL function that a default calls may read a table
    // created after it.
    pqxx::nontransaction(*conn).exec("SET check_function_bodies = off");
    engine::run_statements(*conn, engine::canonical_statements(catalog, "inspect output of the current state"));
  } catch (const std::exception& error) {
    throw PlanNotProven(fmt::format("a schema-only copy of the current state cannot be built to prove the plan "
                                    "on: {}",
                                    error.what()));
  }
  return conn;
}

}  // namespace

void prove_plan_in_scope(const engine::ScratchServer& scratch, const schema::Catalog& current,
                         const planner::Plan& plan, const schema::Catalog& desired,
                         const planner::PlanOptions& options, const engine::IntrospectOptions& introspection) {
  auto scope = schema::scope_between(current, desired);
  engine::TemporaryDatabase database(scratch, "verify");
  auto conn = build_copy(scratch, database, scope.copy);
  run_plan_on(*conn, plan);
  schema::Catalog read_back;
  try {
    auto intro = engine::introspect(*conn, introspection);
    read_back = schema::read_back_in_scope(intro, scope);
  } catch (const std::runtime_error& error) {
    throw PlanNotProven(error.what());
  }
  require_no_difference(read_back, scope.expected, options);
}

void prove_plan_on(pqxx::connection& copy, const planner::Plan& plan, const schema::Catalog& desired,
                   const planner::PlanOptions& options, const engine::IntrospectOptions& introspection) {
  run_plan_on(copy, plan);
  require_no_difference(engine::introspect(copy, introspection), desired, options);
}

void prove_plan(const engine::ScratchServer& scratch, const schema::Catalog& current, const planner::Plan& plan,
                const schema::Catalog& desired, const planner::PlanOptions& options,
                const engine::IntrospectOptions& introspection) {
  // Nothing to run: the plan is its own proof, and a copy of a large schema costs
  // as much to build as the desired state did.
  if (plan.empty()) return;
  // The scope is cut along pg_depend; unmanaged objects have no place in it.
  if (current.unmanaged.empty() && desired.unmanaged.empty()) {
    try {
      prove_plan_in_scope(scratch, current, plan, desired, options, introspection);
      return;
    } catch (const PlanNotProven&) {
      // A step may reach past the scope; the copy of the whole current state decides.
    }
  }
  engine::TemporaryDatabase database(scratch, "verify");
  auto conn = build_copy(scratch, database, current);
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
