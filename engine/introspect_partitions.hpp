// Reading declarative partitioning: each partitioned table's key and each
// partition's parent and bound, in one query for all tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <pqxx/transaction_base>

#include "schema/catalog.hpp"

namespace schemactl::engine {

struct Partitioning {
  pqxx::oid table;
  std::string key;  // pg_get_partkeydef(); empty unless partitioned
  std::optional<schema::PartitionOf> partition_of;
};

// The partitioned tables and partitions among `oids` (an oid array literal).
std::vector<Partitioning> read_partitioning(pqxx::transaction_base& txn, const std::string& oids);

// The partitions' indexes attached to each partitioned index of the tables `oids`.
struct AttachedIndexRow {
  pqxx::oid table;         // of the partitioned index
  std::string index;       // the partitioned index
  schema::AttachedIndex attached;
};
std::vector<AttachedIndexRow> read_attached_indexes(pqxx::transaction_base& txn, const std::string& oids);

}  // namespace schemactl::engine
