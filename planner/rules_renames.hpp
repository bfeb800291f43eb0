// Renames: annotated ones become ALTER ... RENAME; a drop plus an add that look
// like an unannotated rename stay what they are, with a warning asking.
#pragma once

#include <string>
#include <vector>

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

void plan_rename(const engine::TableRenamed& change, StagedSteps& out);
void plan_rename(const engine::ColumnRenamed& change, StagedSteps& out);

// One warning per dropped table or column that an added one of the same shape
// (a table's column names and types, a column's type) may have been meant to
// rename, with the annotation that would say so.
std::vector<std::string> rename_questions(const std::vector<engine::Change>& changes);

}  // namespace schemactl::planner
