#include "engine/introspect_partitions.hpp"

#include <pqxx/pqxx>

#include "engine/introspect_sql.hpp"

namespace schemactl::engine {

std::vector<Partitioning> read_partitioning(pqxx::transaction_base& txn, const std::string& oids) {
  // satisfies_hash_partition() names a hash-partitioned parent by oid: such a
  // constraint does not carry over to another database, so it is left out.
  auto rows = txn.exec_params(
      "SELECT c.oid, pg_get_partkeydef(c.oid), pn.nspname, p.relname, pg_get_expr(c.relpartbound, c.oid), "
      "  CASE WHEN pc.def NOT LIKE '%satisfies_hash_partition(%' THEN pc.def END "
      "FROM pg_class c "
      "LEFT JOIN LATERAL (SELECT pg_get_partition_constraintdef(c.oid) AS def) pc ON c.relispartition "
      "LEFT JOIN pg_inherits i ON i.inhrelid = c.oid AND c.relispartition "
      "LEFT JOIN pg_class p ON p.oid = i.inhparent "
      "LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace "
      "WHERE c.oid = ANY ($1::oid[]) AND (c.relkind = 'p' OR c.relispartition)",
      oids);
  std::vector<Partitioning> partitioning;
  for (const auto& row : rows) {
    Partitioning table{.table = row[0].as<pqxx::oid>(), .key = introspect_sql::text(row[1])};
    if (!row[3].is_null()) {
      table.partition_of = schema::PartitionOf{.parent = {row[2].as<std::string>(), row[3].as<std::string>()},
                                               .bound = row[4].as<std::string>(),
                                               .constraint = introspect_sql::text(row[5])};
    }
    partitioning.push_back(std::move(table));
  }
  return partitioning;
}

std::vector<AttachedIndexRow> read_attached_indexes(pqxx::transaction_base& txn, const std::string& oids) {
  auto rows = txn.exec_params(
      "SELECT pi.indrelid, pc.relname, tn.nspname, tc.relname, ci.relname "
      "FROM pg_index pi "
      "JOIN pg_class pc ON pc.oid = pi.indexrelid AND pc.relkind = 'I' "
      "JOIN pg_inherits ih ON ih.inhparent = pi.indexrelid "
      "JOIN pg_class ci ON ci.oid = ih.inhrelid "
      "JOIN pg_index ii ON ii.indexrelid = ci.oid "
      "JOIN pg_class tc ON tc.oid = ii.indrelid "
      "JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
      "WHERE pi.indrelid = ANY ($1::oid[]) "
      "ORDER BY pi.indrelid, pc.relname COLLATE \"C\", tn.nspname COLLATE \"C\", tc.relname COLLATE \"C\"",
      oids);
  std::vector<AttachedIndexRow> attached;
  for (const auto& row : rows) {
    attached.push_back({.table = row[0].as<pqxx::oid>(),
                        .index = row[1].as<std::string>(),
                        .attached = {{row[2].as<std::string>(), row[3].as<std::string>()}, row[4].as<std::string>()}});
  }
  return attached;
}

}  // namespace schemactl::engine
