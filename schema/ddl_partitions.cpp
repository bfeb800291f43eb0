#include "schema/ddl_partitions.hpp"

#include <algorithm>
#include <map>

#include "schema/names.hpp"

namespace schemactl::schema {

std::string partition_by_clause(const Table& table) {
  return table.partition_key.empty() ? std::string{} : " PARTITION BY " + table.partition_key;
}

std::vector<const Table*> tables_parents_first(const Catalog& catalog) {
  std::map<QualifiedName, const Table*> by_name;  // each partition's parent is looked up
  bool partitions = std::any_of(catalog.tables.begin(), catalog.tables.end(),
                                [](const Table& table) { return table.partition_of.has_value(); });
  if (partitions)
    for (const auto& table : catalog.tables) by_name.emplace(table.name, &table);
  // Depth in the partition tree: 0 for a table that is no partition.
  auto depth_of = [&](const Table& table) {
    std::size_t levels = 0;
    for (const Table* at = &table; at != nullptr && at->partition_of && levels <= catalog.tables.size(); ++levels) {
      auto parent = by_name.find(at->partition_of->parent);
      at = parent == by_name.end() ? nullptr : parent->second;
    }
    return levels;
  };
  std::vector<std::pair<std::size_t, const Table*>> by_depth;
  for (const auto& table : catalog.tables) by_depth.emplace_back(depth_of(table), &table);
  std::stable_sort(by_depth.begin(), by_depth.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Table*> tables;
  for (const auto& [depth, table] : by_depth) tables.push_back(table);
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
