// The online rules of declarative partitioning: partitions added to and removed
// from an existing parent, a changed bound, and the indexes and keys of an existing
// partitioned table, which PostgreSQL cannot build CONCURRENTLY in one statement.
#pragma once

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

// Whether `table` is a partitioned table in `catalog`.
bool is_partitioned(const schema::Catalog& catalog, const schema::QualifiedName& table);

// A new partition of a parent that exists before the plan.
void plan_partition_added(const engine::TableAdded& change, const schema::Catalog& from, const schema::Catalog& to,
                          StagedSteps& out);
// A partition dropped from a parent that stays.
void plan_partition_dropped(const engine::TableDropped& change, const schema::Catalog& from, StagedSteps& out);

void plan_partition_change(const engine::PartitionBoundChanged& change, const schema::Catalog& to,
                           StagedSteps& out);
// Throws std::runtime_error: a new partition key cannot be planned online.
void plan_partition_change(const engine::PartitioningRedefined& change);

// Indexes and PRIMARY KEY / UNIQUE / FOREIGN KEY constraints of an existing
// partitioned table.
void plan_partitioned_index(const engine::IndexAdded& change, const schema::Catalog& to, StagedSteps& out);
void plan_partitioned_index(const engine::IndexDropped& change, StagedSteps& out);
void plan_partitioned_constraint(const engine::ConstraintAdded& change, StagedSteps& out);

}  // namespace schemactl::planner
