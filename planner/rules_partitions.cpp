#include "planner/rules_partitions.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "schema/ddl.hpp"
#include "schema/ddl_partitions.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;
using schema::quote_ident;
using schema::quote_name;

std::string attach_sql(const schema::QualifiedName& table, const schema::PartitionOf& partition_of) {
  return fmt::format("ALTER TABLE {} ATTACH PARTITION {} {}", quote_name(partition_of.parent), quote_name(table),
                     partition_of.bound);
}

// Attaching scans the parent's DEFAULT partition for rows of the new bound, under
// an ACCESS EXCLUSIVE lock on that partition.
std::vector<Hazard> attach_hazards(const schema::Catalog& catalog, const schema::QualifiedName& table,
                                   const schema::PartitionOf& partition_of) {
  for (const auto* sibling : schema::partitions_of(catalog, partition_of.parent))
    if (sibling->name != table && sibling->partition_of->bound == "DEFAULT")
      return {Hazard::blocks_reads, Hazard::blocks_writes};
  return {};
}

std::string attach_why(const std::vector<Hazard>& hazards) {
  return hazards.empty() ? "ATTACH takes SHARE UPDATE EXCLUSIVE on the parent: reads and writes go on"
                         : "the DEFAULT partition is scanned for rows of the new bound while it is locked";
}

std::string detach_sql(const schema::QualifiedName& table, const schema::QualifiedName& parent, bool concurrently) {
  return fmt::format("ALTER TABLE {} DETACH PARTITION {}{}", quote_name(parent), quote_name(table),
                     concurrently ? " CONCURRENTLY" : "");
}

// "CREATE [UNIQUE] INDEX name ON ONLY parent USING ..." -> the same index, under its
// own name, on one partition: CONCURRENTLY on one that has rows.
std::string partition_index_sql(const std::string& definition, const schema::QualifiedName& parent,
                                const schema::AttachedIndex& attached, bool concurrently) {
  auto index = definition.find("INDEX ") + 6;
  auto target = " ON ONLY " + quote_name(parent);
  auto on = definition.find(target);
  return definition.substr(0, index) + (concurrently ? "CONCURRENTLY IF NOT EXISTS " : "") +
         quote_ident(attached.name) + " ON " + quote_name(attached.table) + definition.substr(on + target.size());
}

}  // namespace

bool is_partitioned(const schema::Catalog& catalog, const schema::QualifiedName& table) {
  const auto* found = schema::find_table(catalog, table);
  return found != nullptr && !found->partition_key.empty();
}

void plan_partition_added(const engine::TableAdded& change, const schema::Catalog& from, const schema::Catalog& to,
                          StagedSteps& out) {
  // CREATE TABLE ... PARTITION OF would lock the whole parent ACCESS EXCLUSIVE. The
  // table is created on its own with the parent's columns instead, then attached:
  // it is empty, so ATTACH's check of its rows against the bound reads nothing.
  const auto& table = change.table;
  const auto& partition_of = *table.partition_of;
  std::string sql = fmt::format("CREATE TABLE {} (LIKE {} INCLUDING DEFAULTS INCLUDING CONSTRAINTS "
                                "INCLUDING GENERATED){}",
                                quote_name(table.name), quote_name(partition_of.parent),
                                schema::partition_by_clause(table));
  for (const auto& constraint : table.constraints)
    if (schema::created_with_table(constraint)) sql += ";\n" + schema::add_constraint_sql(table.name, constraint);
  for (const auto& index : table.indexes) sql += ";\n" + index.definition;
  // The parent's indexes under the names the desired schema gives them here: ATTACH
  // adopts an equal index it finds, and would otherwise create one under a name of
  // PostgreSQL's choosing.
  if (const auto* parent = schema::find_table(to, partition_of.parent))
    for (const auto& index : parent->indexes)
      for (const auto& attached : index.attached)
        if (attached.table == table.name)
          sql += ";\n" + partition_index_sql(index.definition, parent->name, attached, false);
  auto hazards = attach_hazards(from, table.name, partition_of);
  sql += ";\n" + attach_sql(table.name, partition_of);
  add_step(out, Stage::create_table, std::move(sql), hazards.empty() ? TxMode::shared : TxMode::own,
           quote_name(table.name), "a new, empty partition created like its parent, then attached; " + attach_why(hazards),
           std::move(hazards));
}

void plan_partition_dropped(const engine::TableDropped& change, const schema::Catalog& from, StagedSteps& out) {
  // DETACH ... CONCURRENTLY lets queries on the parent go on; PostgreSQL refuses it
  // when the parent has a DEFAULT partition, and then the plain DETACH takes a brief
  // ACCESS EXCLUSIVE lock on the parent (metadata only).
  const auto& table = change.table;
  const auto& parent = table.partition_of->parent;
  bool concurrently = !schema::has_default_partition(from, parent);
  add_step(out, Stage::drop_table, detach_sql(table.name, parent, concurrently),
           concurrently ? TxMode::none : TxMode::shared, quote_name(table.name),
           concurrently ? "CONCURRENTLY, outside a transaction: queries on the parent go on"
                        : "the parent has a DEFAULT partition, so not CONCURRENTLY: a brief lock, metadata only");
  add_step(out, Stage::drop_table, "DROP TABLE " + quote_name(table.name), TxMode::shared, quote_name(table.name),
           "the detached partition and all its rows are deleted", {Hazard::deletes_data});
}

void plan_partition_change(const engine::PartitionBoundChanged& change, const schema::Catalog& to,
                           StagedSteps& out) {
  const auto& table = change.table;
  auto object = quote_name(table);
  // Not CONCURRENTLY: that would leave a CHECK of the old bound, named by PostgreSQL, on the table.
  add_step(out, Stage::attach_partition, detach_sql(table, change.from.parent, false), TxMode::shared, object,
           "a brief lock, metadata only; until the ATTACH below, the partition's rows are not seen through the "
           "parent and writes of its range fail",
           {Hazard::blocks_writes});
  if (change.to.constraint.empty()) {
    add_step(out, Stage::attach_partition, attach_sql(table, change.to), TxMode::own, object,
             "no portable CHECK states a hash bound: ATTACH scans the partition under an ACCESS EXCLUSIVE lock",
             {Hazard::blocks_reads, Hazard::blocks_writes});
    return;
  }
  // A validated CHECK that implies the new bound lets ATTACH skip its scan under the
  // ACCESS EXCLUSIVE lock on the partition.
  auto check = quote_ident(schema::truncate_identifier(table.name + "_partition_bound"));
  add_step(out, Stage::attach_partition,
           fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({}) NOT VALID", object, check, change.to.constraint),
           TxMode::shared, object, "NOT VALID: the rows are checked against the new bound below, without the lock");
  add_step(out, Stage::attach_partition, fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {}", object, check),
           TxMode::own, object, "scans under SHARE UPDATE EXCLUSIVE: reads and writes go on");
  auto hazards = attach_hazards(to, table, change.to);
  add_step(out, Stage::attach_partition, attach_sql(table, change.to), hazards.empty() ? TxMode::shared : TxMode::own,
           object, "the validated check proves the bound, so no scan; " + attach_why(hazards), std::move(hazards));
  add_step(out, Stage::attach_partition, fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", object, check),
           TxMode::shared, object, "the check was only a stepping stone to the ATTACH");
}

void plan_partition_change(const engine::PartitioningRedefined& change) {
  throw std::runtime_error(fmt::format(
      "{} is {} but should be {}: PostgreSQL cannot repartition a table in place, and there is no online plan "
      "for it; create the new table under another name, move the rows, and drop the old one",
      quote_name(change.table), change.from, change.to));
}

namespace {

// ON ONLY the parent (an invalid index, built on nothing), each partition's index
// CONCURRENTLY, each attached: the parent's index is valid once all are. A
// sub-partitioned partition's index cannot be built CONCURRENTLY either.
bool builds_per_partition(const engine::IndexAdded& change, const schema::Catalog& to) {
  if (change.index.definition.find(" ON ONLY " + quote_name(change.table)) == std::string::npos) return false;
  for (const auto& attached : change.index.attached)
    if (is_partitioned(to, attached.table)) return false;
  return true;
}

}  // namespace

void plan_partitioned_index(const engine::IndexAdded& change, const schema::Catalog& to, StagedSteps& out) {
  auto object = quote_name({change.table.schema, change.index.name});
  if (builds_per_partition(change, to)) {
    const auto& definition = change.index.definition;
    auto index = definition.find("INDEX ") + 6;
    add_step(out, Stage::create_index, definition.substr(0, index) + "IF NOT EXISTS " + definition.substr(index),
             TxMode::shared, object, "ON ONLY: the parent's index alone, invalid until every partition's is attached");
    out.back().planned.lint_ignore = "create-index-not-concurrently ON ONLY builds nothing";
    for (const auto& attached : change.index.attached) {
      add_step(out, Stage::create_index, partition_index_sql(definition, change.table, attached, true), TxMode::none,
               quote_name({attached.table.schema, attached.name}),
               "CONCURRENTLY: reads and writes of the partition go on while it builds");
    }
    for (const auto& attached : change.index.attached) {
      add_step(out, Stage::create_index,
               fmt::format("ALTER INDEX {} ATTACH PARTITION {}", object,
                           quote_name({attached.table.schema, attached.name})),
               TxMode::shared, object, "metadata only; with the last partition's index the parent's becomes valid");
    }
    return;
  }
  add_step(out, Stage::create_index, schema::index_with_partitions(change.index.definition), TxMode::own,
           quote_name({change.table.schema, change.index.name}),
           "an index of a partitioned table cannot be built CONCURRENTLY: every partition's index is built while "
           "writes wait",
           {Hazard::index_build, Hazard::blocks_writes});
}

void plan_partitioned_index(const engine::IndexDropped& change, StagedSteps& out) {
  add_step(out, change.redefined ? Stage::drop_redefined_index : Stage::drop_index,
           "DROP INDEX IF EXISTS " + quote_name({change.table.schema, change.index.name}), TxMode::shared,
           quote_name({change.table.schema, change.index.name}),
           "an index of a partitioned table cannot be dropped CONCURRENTLY: it and its partitions' indexes go "
           "under an ACCESS EXCLUSIVE lock",
           {Hazard::index_dropped, Hazard::blocks_reads});
}

void plan_partitioned_constraint(const engine::ConstraintAdded& change, StagedSteps& out) {
  bool foreign_key = change.constraint.kind == schema::ConstraintKind::foreign_key;
  std::vector<Hazard> hazards{Hazard::blocks_writes};
  if (!foreign_key) hazards = {Hazard::index_build, Hazard::blocks_reads, Hazard::blocks_writes};
  add_step(out, foreign_key ? Stage::add_constraint : Stage::add_key_constraint,
           schema::add_constraint_sql(change.table, change.constraint), TxMode::own,
           quote_name(change.table) + "." + quote_ident(change.constraint.name),
           foreign_key ? "PostgreSQL 15 cannot add a NOT VALID foreign key to a partitioned table: every partition "
                         "is checked while writes wait"
                       : "a partitioned table's key cannot use an index built CONCURRENTLY: every partition's "
                         "index is built under the table's lock",
           std::move(hazards));
}

}  // namespace schemactl::planner
