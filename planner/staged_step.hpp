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
  rename,  // annotated renames, before anything uses the new names
  create_sequence,
  alter_sequence,
  create_extension,  // before the types, columns and indexes that use what it provides
  alter_extension,
  create_enum,       // user types before the domains, composite types and columns using them
  add_enum_value,    // each committed on its own before a later step uses the value
  create_domain,
  alter_domain,
  create_composite,
  alter_composite,
  drop_redefined,  // views, triggers, functions dropped to be created again further on
  create_function,
  drop_foreign_key,  // before the unique constraints they reference
  drop_constraint,
  drop_redefined_index,
  replace_type,      // an enum losing or reordering values, a domain's new base type:
                     // columns move to a new type, swapped in
  create_table,
  attach_partition,  // a partition moved to another bound: detached, checked, attached
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
  alter_table_settings,  // after the indexes a replica identity uses, before any index drop
  create_view,
  create_trigger,
  create_policy,       // after the functions and columns it uses
  alter_row_security,  // enabled after the policies exist, disabled before they go
  grant_privilege,     // after the objects and columns it is on
  comment,             // after every object is created, or created again
  // contract
  drop_policy,
  revoke_privilege,    // old code may use it until the deploy
  drop_trigger,
  drop_view,
  drop_default,
  drop_index,
  drop_column,      // and attributes of composite types
  drop_table,
  drop_function,
  drop_composite,   // types after the columns that use them, and the other way round
  drop_domain,
  drop_enum,
  drop_extension,
  drop_sequence,
  drop_schema,
};

// Stages from here on are the contract phase.
constexpr Stage first_contract_stage = Stage::drop_policy;

struct StagedStep {
  Stage stage;
  PlannedStep planned;
};

using StagedSteps = std::vector<StagedStep>;

// Appends a step of `stage` that runs `sql`.
void add_step(StagedSteps& out, Stage stage, std::string sql, engine::TxMode tx, std::string object,
              std::string why, std::vector<Hazard> hazards = {});

}  // namespace schemactl::planner
