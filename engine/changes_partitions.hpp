// Changes of declarative partitioning that are not a table's added or dropped parts.
#pragma once

#include <string>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// A partition that stays a partition, under another bound or another parent.
struct PartitionBoundChanged {
  schema::QualifiedName table;
  schema::PartitionOf from, to;
};

// A table whose partition key changes, or that becomes or stops being partitioned
// or a partition: the labels of schema::partitioning_label. No online plan exists.
struct PartitioningRedefined {
  schema::QualifiedName table;
  std::string from, to;
};

}  // namespace schemactl::engine
