#include "schema/ddl_partitions.hpp"

#include <algorithm>
#include <map>

#include "schema/names.hpp"

namespace schemactl::schema {

std::string partition_by_clause(const Table& table) {
  return table.partition_key.empty() ? std::string{} : " PARTITION BY " + table.partition_key;
}

std::vector<const Table*> tables_parents_first(const Catalog& catalog) {
  // Depth in the partition tree: 0 for a table that is no partition.
  std::map<QualifiedName, std::size_t> depth;
  auto depth_of = [&](const Table& table) {
    std::size_t levels = 0;
    for (const Table* at = &table; at != nullptr && at->partition_of && levels <= catalog.tables.size(); ++levels)
      at = find_table(catalog, at->partition_of->parent);
    return levels;
  };
  std::vector<const Table*> tables;
  for (const auto& table : catalog.tables) {
    depth.emplace(table.name, depth_of(table));
    tables.push_back(&table);
  }
  std::stable_sort(tables.begin(), tables.end(),
                   [&](const Table* a, const Table* b) { return depth.at(a->name) < depth.at(b->name); });
  return tables;
}

std::string index_with_partitions(const std::string& definition) {
  constexpr std::string_view only = " ON ONLY ";
  auto at = definition.find(only);
  if (at == std::string::npos) return definition;
  return definition.substr(0, at) + " ON " + definition.substr(at + only.size());
}

std::vector<const Table*> partitions_of(const Catalog& catalog, const QualifiedName& parent) {
  std::vector<const Table*> partitions;
  for (const auto& table : catalog.tables)
    if (table.partition_of && table.partition_of->parent == parent) partitions.push_back(&table);
  return partitions;
}

bool has_default_partition(const Catalog& catalog, const QualifiedName& parent) {
  auto partitions = partitions_of(catalog, parent);
  return std::any_of(partitions.begin(), partitions.end(),
                     [](const Table* partition) { return partition->partition_of->bound == "DEFAULT"; });
}

std::string partitioning_label(const Table& table) {
  if (table.partition_of) {
    auto label = "a partition of " + quote_name(table.partition_of->parent);
    return table.partition_key.empty() ? label : label + ", partitioned by " + table.partition_key;
  }
  return table.partition_key.empty() ? "a plain table" : "partitioned by " + table.partition_key;
}

}  // namespace schemactl::schema
