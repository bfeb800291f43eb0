#include "engine/diff_partitions.hpp"

#include "schema/ddl_partitions.hpp"

namespace schemactl::engine {

void diff_partitioning(const schema::Table& from, const schema::Table& to, std::vector<Change>& out) {
  if (from.partition_key != to.partition_key || from.partition_of.has_value() != to.partition_of.has_value()) {
    out.push_back(PartitioningRedefined{to.name, schema::partitioning_label(from), schema::partitioning_label(to)});
  } else if (from.partition_of && from.partition_of != to.partition_of) {
    out.push_back(PartitionBoundChanged{to.name, *from.partition_of, *to.partition_of});
  }
}

}  // namespace schemactl::engine
