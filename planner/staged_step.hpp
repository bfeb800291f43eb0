// Internal to the planner: a step tagged with the stage that orders it. Stages
// encode the online rules' ordering (create before use, NOT NULL before a primary
// key USING INDEX, index drops before column drops); within a stage, steps keep
// the diff's deterministic order.
#pragma once

#include <vector>

#include "planner/plan.hpp"

namespace schemactl::planner {

enum class Stage {
  // expand
  create_schema,
  create_sequence,
  alter_sequence,
  drop_foreign_key,  // before the unique constraints they reference
  drop_constraint,
  drop_redefined_index,
  create_table,
  alter_column,
  own_sequence,
  backfill,
  create_index,
  not_null_check,
  not_null_validate,
  not_null_set,
  add_key_constraint,
  add_constraint,
  validate_constraint,
  // contract
  drop_default,
  drop_index,
  drop_column,
  drop_table,
  drop_sequence,
  drop_schema,
};

struct StagedStep {
  Stage stage;
  PlannedStep planned;
};

using StagedSteps = std::vector<StagedStep>;

}  // namespace schemactl::planner
