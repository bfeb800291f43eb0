// The queries that find rows which would make a step fail: run by `apply` before
// the first step, so bad data stops a migration before it starts, not half-way.
#pragma once

#include <string>
#include <vector>

#include "engine/step.hpp"
#include "schema/catalog.hpp"

namespace schemactl::planner {

engine::Preflight no_nulls(const schema::QualifiedName& table, const std::string& column);

// Keys (SQL expressions) that appear more than once, NULLs excepted unless the
// index treats them as equal; `predicate` limits it to a partial index's rows.
engine::Preflight no_duplicates(const schema::QualifiedName& table, const std::vector<std::string>& keys,
                                const std::string& predicate, bool nulls_distinct);

engine::Preflight no_orphans(const schema::QualifiedName& table, const schema::Constraint& foreign_key);

// The role a GRANT names is missing: schemactl never creates roles on the database
// it migrates.
engine::Preflight role_exists(const std::string& role);

engine::Preflight check_holds(const schema::QualifiedName& table, const schema::Constraint& check);

}  // namespace schemactl::planner
