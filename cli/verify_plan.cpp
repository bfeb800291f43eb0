#include "cli/verify_plan.hpp"

#include <algorithm>
#include <cstdio>

#include <fmt/core.h>
#include <pqxx/except>
#include <pqxx/nontransaction>

#include "cli/planning.hpp"
#include "engine/connection.hpp"
#include "engine/desired_state.hpp"
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

// The canonical script of `catalog` as statements, located at their lines in
// `schemactl inspect`'s output. Run by run_statements, a few hundred to a
// transaction: as one, the copy of a 10,000-table schema runs out of lock table.
std::vector<schema::Statement> canonical_statements(const schema::Catalog& catalog) {
  std::vector<schema::Statement> statements;
  int line = 1;
  for (auto& sql : schema::render_statements(catalog)) {
    int lines = static_cast<int>(std::count(sql.begin(), sql.end(), '\n')) + 2;  // its own, and a blank one
    statements.push_back({.sql = std::move(sql), .file = "inspect output of the current state", .line = line, .column = 1});
    line += lines;
  }
  return statements;
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
    pqxx::nontransaction(*conn).exec("SET check_function_bodies = off");
    engine::run_statements(*conn, canonical_statements(current));
  } catch (const std::exception& error) {
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
