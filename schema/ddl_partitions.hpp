// Canonical DDL of declarative partitioning.
#pragma once

#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// " PARTITION BY RANGE (at)" for a partitioned table; empty otherwise.
std::string partition_by_clause(const Table& table);

// The tables with every partition after its parent, otherwise in catalog order.
std::vector<const Table*> tables_parents_first(const Catalog& catalog);

// An index definition that also builds the index on every partition: a
// partitioned table's index reads "ON ONLY parent", which leaves it invalid until
// each partition's index is attached.
std::string index_with_partitions(const std::string& definition);

// The partitions of `parent` in `catalog`, in catalog order.
std::vector<const Table*> partitions_of(const Catalog& catalog, const QualifiedName& parent);

// Whether `parent` has a DEFAULT partition in `catalog`.
bool has_default_partition(const Catalog& catalog, const QualifiedName& parent);

// How a table takes part in partitioning, for messages: "a plain table",
// "partitioned by RANGE (at)", "a partition of public.m".
std::string partitioning_label(const Table& table);

}  // namespace schemactl::schema
