// Plans are proven before they are shown: the plan runs on a schema-only copy of
// the current state, and the copy must then read back as the desired state. A
// plan that fails there or leaves a difference is a schemactl bug, caught before
// anything is written or applied.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>

#include <pqxx/connection>

#include "engine/introspect.hpp"
#include "engine/scratch.hpp"
#include "planner/plan.hpp"
#include "schema/catalog.hpp"

namespace schemactl::cli {

// what(): the detail, then that this is a bug and nothing was written or applied.
struct PlanNotProven : std::runtime_error {
  explicit PlanNotProven(const std::string& detail);
  std::string detail;  // the failed step, or the objects still differing
};

// Runs the plan's steps on `copy` (a database in the plan's current state), reads
// it back and throws PlanNotProven naming the failed step or each object that
// still differs from `desired`.
void prove_plan_on(pqxx::connection& copy, const planner::Plan& plan, const schema::Catalog& desired,
                   const planner::PlanOptions& options, const engine::IntrospectOptions& introspection);

// Proves the plan on a copy of its scope (prove_plan_in_scope) and, when that
// fails, on a copy of all of `current` (schema::render_sql) in a temporary database
// on `scratch`: a step may reach past the scope, and only the whole copy may call
// the plan wrong. Backfills run on empty tables, so this costs about one CREATE
// DATABASE, the script and one introspection.
void prove_plan(const engine::ScratchServer& scratch, const schema::Catalog& current, const planner::Plan& plan,
                const schema::Catalog& desired, const planner::PlanOptions& options,
                const engine::IntrospectOptions& introspection);

// The plan proven on a copy of only what it can touch (schema::scope_between): the
// scope in its current state and stubs of what it references. prove_plan tries
// this first. The catalogs must hold no unmanaged objects.
void prove_plan_in_scope(const engine::ScratchServer& scratch, const schema::Catalog& current,
                         const planner::Plan& plan, const schema::Catalog& desired,
                         const planner::PlanOptions& options, const engine::IntrospectOptions& introspection);

// The copy lacks what schemactl does not manage, so with such objects on either
// side a failed proof may be the copy's fault rather than the plan's: it is then a
// warning on stderr. Otherwise PlanNotProven propagates.
void prove_unless_unmanaged(const schema::Catalog& current, const schema::Catalog& desired,
                            const std::function<void()>& prove);

}  // namespace schemactl::cli
