// The catalog model of declarative partitioning: where a partition hangs in its
// parent. A partitioned table's own key is Table::partition_key.
#pragma once

#include <string>

#include "schema/qualified_name.hpp"

namespace schemactl::schema {

struct PartitionOf {
  QualifiedName parent;
  std::string bound;       // pg_get_expr(relpartbound): "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", "DEFAULT"
  // pg_get_partition_constraintdef(): the rows the bound admits, as a CHECK expression;
  // empty when it admits all, or when it names the parent's oid (hash partitions).
  std::string constraint;
  // The constraint follows from the parent and the bound, so it takes no part.
  bool operator==(const PartitionOf& other) const { return parent == other.parent && bound == other.bound; }
};

// A partition's index attached to its parent's partitioned index.
struct AttachedIndex {
  QualifiedName table;  // the partition; the index lives in its schema
  std::string name;
  bool operator==(const AttachedIndex&) const = default;
};

}  // namespace schemactl::schema
