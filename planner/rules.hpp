// The online rules: each change of the diff becomes staged steps.
#pragma once

#include <vector>

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

// Adds the steps that carry out `change` to `out`. Rules read the catalogs too:
// e.g. the primary key a backfill pages through, or which columns exist already.
void plan_change(const engine::Change& change, const schema::Catalog& from, const schema::Catalog& to,
                 StagedSteps& out);

// Whether the change drops the column and adds it again: a new generation
// expression, which PostgreSQL 15 cannot set in place (17's SET EXPRESSION can).
bool recreates_column(const engine::ColumnChanged& change);

// `changes` plus, for each column they recreate, the desired schema's indexes and
// constraints on it, which DROP COLUMN takes with it, unless a change adds them.
std::vector<engine::Change> with_column_parts_restored(std::vector<engine::Change> changes, const schema::Catalog& to);

}  // namespace schemactl::planner
