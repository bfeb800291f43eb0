// Internal to the planner: a step tagged with the stage that orders it. Stages
// encode the online rules' ordering (create before use, NOT NULL before a primary
// key USING INDEX, index drops before column drops); within a stage, steps keep
// the diff's deterministic order. Dependencies between objects (pg_depend) may
// move a step ahead of its stage: see dependency_graph.hpp.
#pragma once

#include <string>
#include <vector>

#include "planner/plan.hpp"

namespace schemactl::planner {

enum class Stage {
  // expand
  create_schema,
  create_sequence,
  alter_sequence,
  drop_redefined,  // views, triggers, functions dropped to be created again further on
  create_function,
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
  create_view,
  create_trigger,
  // contract
  drop_trigger,
  drop_view,
  drop_default,
  drop_index,
  drop_column,
  drop_table,
  drop_function,
  drop_sequence,
  drop_schema,
};

// Stages from here on are the contract phase.
constexpr Stage first_contract_stage = Stage::drop_trigger;

struct StagedStep {
  Stage stage;
  PlannedStep planned;
};

using StagedSteps = std::vector<StagedStep>;

inline StagedStep make_step(Stage stage, std::string sql, engine::TxMode tx, std::string object, std::string why,
                            std::vector<Hazard> hazards = {}) {
  PlannedStep planned;
  planned.step.sql = std::move(sql);
  planned.step.tx = tx;
  planned.object = std::move(object);
  planned.why = std::move(why);
  planned.hazards = std::move(hazards);
  return {stage, std::move(planned)};
}

}  // namespace schemactl::planner
