// The online rules for a table's settings: persistence (SET LOGGED / UNLOGGED
// rewrites the table: TABLE_REWRITE, BLOCKS_READS), storage parameters
// (SET / RESET (...), SHARE UPDATE EXCLUSIVE: no hazard) and replica identity
// (metadata only), in Stage::alter_table_settings; an index's storage parameters
// likewise.
#pragma once

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

void plan_table_settings_change(const engine::TableSettingsChanged& change, StagedSteps& out);

// ALTER INDEX ... SET / RESET (...): the index is not rebuilt; fillfactor applies
// to pages split from now on.
void plan_partition_index_rename(const engine::PartitionIndexRenamed& change, StagedSteps& out);
void plan_index_settings_change(const engine::IndexSettingsChanged& change, StagedSteps& out);

}  // namespace schemactl::planner
