#include "engine/introspect.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include <fmt/core.h>
#include <pqxx/pqxx>

#include "engine/connection.hpp"
#include "engine/introspect_comments.hpp"
#include "engine/introspect_dependencies.hpp"
#include "engine/introspect_indexes.hpp"
#include "engine/introspect_partitions.hpp"
#include "engine/introspect_policies.hpp"
#include "engine/introspect_privileges.hpp"
#include "engine/introspect_routines.hpp"
#include "engine/introspect_sql.hpp"
#include "engine/introspect_table_settings.hpp"
#include "engine/introspect_types.hpp"
#include "engine/text_array.hpp"
#include "schema/expression.hpp"
#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

using Txn = pqxx::transaction_base;
using introspect_sql::integer_array;
using introspect_sql::not_extension_member;
using introspect_sql::RowFields;
using introspect_sql::text;
using introspect_sql::text_array;
using introspect_sql::user_schema;

// Plain tables, partitioned tables and partitions.
std::string managed_table() {
  return fmt::format("c.relkind IN ('r', 'p') AND {} AND {}", user_schema,
                     not_extension_member("pg_class", "c.oid"));
}

std::vector<std::string> read_schemas(Txn& txn, const std::string& excluded) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname FROM pg_namespace n WHERE {} AND {} ORDER BY n.nspname COLLATE \"C\"",
      user_schema, not_extension_member("pg_namespace", "n.oid")), excluded);
  std::vector<std::string> schemas;
  for (const auto& row : rows) schemas.push_back(row[0].as<std::string>());
  return schemas;
}

// The managed tables in catalog order, and where to file what belongs to each.
struct Tables {
  std::vector<schema::Table> list;
  std::unordered_map<pqxx::oid, std::size_t> position;
  std::vector<bool> partition;  // by position: whether the table is a partition
  std::vector<std::pair<std::size_t, schema::Column>> partition_columns;  // (position, column), compared with the parent's
  std::string oids;  // array literal: the parameter of the per-table queries
};

Tables read_tables(Txn& txn, const std::string& excluded) {
  auto rows = txn.exec_params(fmt::format(
      "SELECT c.oid, n.nspname, c.relname, c.relrowsecurity, c.relforcerowsecurity, c.relispartition FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {} "
      "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"",
      managed_table()), excluded);
  Tables tables;
  std::vector<std::string> oids;
  for (const auto& row : rows) {
    tables.position.emplace(row[0].as<pqxx::oid>(), tables.list.size());
    oids.push_back(row[0].as<std::string>());
    tables.partition.push_back(row[5].as<bool>());
    tables.list.push_back({.name = {row[1].as<std::string>(), row[2].as<std::string>()},
                           .row_security = {row[3].as<bool>(), row[4].as<bool>()}});
  }
  tables.oids = text_array_literal(oids);
  return tables;
}

// Defaults are marked volatile by the names of the functions they call: one query
// for all of them, and an overloaded name counts as volatile if any variant is.
// Each distinct expression is parsed once: tables repeat the same few defaults.
void mark_volatile_defaults(Txn& txn, std::vector<schema::Table>& tables) {
  std::map<std::string, std::vector<std::string>> calls_of;
  for (const auto& table : tables)
    for (const auto& column : table.columns)
      if (!column.default_expr.empty() && !calls_of.contains(column.default_expr))
        calls_of.emplace(column.default_expr, schema::function_names_in_expression(column.default_expr));
  std::set<std::string> called;
  for (const auto& [expression, names] : calls_of) called.insert(names.begin(), names.end());
  if (called.empty()) return;
  auto rows = txn.exec_params(
      "SELECT DISTINCT proname FROM pg_proc WHERE provolatile = 'v' AND proname = ANY ($1::name[])",
      text_array_literal({called.begin(), called.end()}));
  std::set<std::string> volatile_names;
  for (const auto& row : rows) volatile_names.insert(row[0].as<std::string>());
  for (auto& table : tables)
    for (auto& column : table.columns)
      if (!column.default_expr.empty())
        for (const auto& name : calls_of.at(column.default_expr))
          if (volatile_names.count(name)) column.default_is_volatile = true;
}

// Each column is named in `names` too, a partition's as well, whose columns are
// its parent's and not part of it in the catalog.
void read_columns(Txn& txn, Tables& tables, ObjectNames& names) {
  // The collation is named only when it differs from the type's own default. A
  // default cannot refer to a column, so it is deparsed without its table, which
  // pg_get_expr would open (and cache) for each of them; a generated column's
  // expression needs it.
  auto rows = txn.exec_params(
      "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), "
      "  cn.nspname, co.collname, a.attnotnull, a.attidentity, a.attgenerated, "
      "  pg_get_expr(d.adbin, CASE WHEN a.attgenerated = '' THEN 0 ELSE d.adrelid END), "
      "  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, a.attnum, "
      "  a.atttypid, a.attcollation "
      "FROM pg_attribute a "
      "JOIN pg_type t ON t.oid = a.atttypid "
      "LEFT JOIN pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation "
      "LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace "
      "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
      // An identity column's sequence depends on it internally: a join, where a
      // pg_get_serial_sequence() call would be evaluated for every column.
      "LEFT JOIN (pg_depend sd JOIN pg_sequence s ON s.seqrelid = sd.objid) "
      "  ON a.attidentity <> '' AND sd.classid = 'pg_class'::regclass "
      "  AND sd.refclassid = 'pg_class'::regclass AND sd.refobjid = a.attrelid "
      "  AND sd.refobjsubid = a.attnum AND sd.deptype = 'i' "
      "WHERE a.attrelid = ANY ($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped "
      // The same scan finds the indexes with operator-class options, which
      // introspect_indexes leaves to pg_get_indexdef().
      "  OR a.attoptions IS NOT NULL AND a.attrelid <> ALL ($1::oid[]) "
      "ORDER BY a.attrelid, a.attnum",
      tables.oids);
  for (const auto& row : rows) {
    RowFields fields(row);
    auto relation = fields.as<pqxx::oid>(0);
    auto table = tables.position.find(relation);
    if (table == tables.position.end()) {
      names.indexes_with_options.insert(relation);
      continue;
    }
    std::size_t position = table->second;
    names.add_column(relation, fields.as<std::int32_t>(15),
                     {fields.as<std::string>(1), fields.as<pqxx::oid>(16), fields.as<pqxx::oid>(17)});
    schema::Column column{.name = fields.as<std::string>(1), .type = fields.as<std::string>(2)};
    if (!fields.is_null(4)) column.collation = schema::quote_name({fields.text(3), fields.text(4)});
    column.not_null = fields.as<bool>(5);
    std::string identity = fields.text(6);
    column.identity = identity.empty() ? 0 : identity[0];
    if (column.identity) {
      column.identity_options = {.data_type = column.type,
                                 .start = fields.as<std::int64_t>(9),
                                 .increment = fields.as<std::int64_t>(10),
                                 .min_value = fields.as<std::int64_t>(11),
                                 .max_value = fields.as<std::int64_t>(12),
                                 .cache = fields.as<std::int64_t>(13),
                                 .cycle = fields.as<bool>(14)};
    }
    // A generated column's expression lives in pg_attrdef too; it is not a default.
    if (fields.text(7) == "s") column.generated = fields.text(8);
    else if (!column.identity) column.default_expr = fields.text(8);
    if (tables.partition[position]) tables.partition_columns.emplace_back(position, std::move(column));
    else tables.list[position].columns.push_back(std::move(column));
  }
  mark_volatile_defaults(txn, tables.list);
}

schema::ConstraintKind constraint_kind(char contype) {
  switch (contype) {
    case 'p': return schema::ConstraintKind::primary_key;
    case 'u': return schema::ConstraintKind::unique;
    case 'f': return schema::ConstraintKind::foreign_key;
    case 'x': return schema::ConstraintKind::exclusion;
    default: return schema::ConstraintKind::check;
  }
}

// pg_get_constraintdef() costs 15 µs a constraint, in catalog cache misses for the
// constraint, its columns and its index: 0.3 s for 20,000 keys, and naming the keys
// in SQL cost 30,000 index lookups in pg_attribute. Primary keys, unique
// constraints and foreign keys are built on the client instead, exactly as it
// prints them (constraint_definition), their columns named from `names`; a key with
// INCLUDE, a foreign key with ON DELETE SET NULL/DEFAULT (columns), CHECK and
// EXCLUDE are deparsed by the server, and so is any constraint whose columns the
// client did not read (a foreign key to an excluded schema).
constexpr std::string_view constraint_rows_query =
    "SELECT con.conrelid, con.conname, con.contype, con.oid, "
    "  CASE WHEN con.contype IN ('p', 'u', 'x') THEN con.conindid END, "
    "  fn.nspname, fc.relname, con.condeferrable, con.condeferred, con.convalidated, "
    "  con.conkey, con.confrelid, con.confkey, con.confmatchtype, con.confupdtype, con.confdeltype, "
    "  ci.indnullsnotdistinct, "
    "  CASE WHEN con.contype IN ('c', 'x') OR con.contype IN ('p', 'u') AND ci.indnatts <> cardinality(con.conkey) "
    "    OR con.contype = 'f' AND con.confdelsetcols IS NOT NULL THEN pg_get_constraintdef(con.oid) END "
    "FROM pg_constraint con "
    "JOIN pg_class cr ON cr.oid = con.conrelid "
    "LEFT JOIN pg_index ci ON ci.indexrelid = con.conindid AND con.contype IN ('p', 'u') "
    "LEFT JOIN pg_class fc ON fc.oid = con.confrelid AND con.contype = 'f' "
    "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
    // conparentid: a foreign key to a partitioned table also gets one hidden copy per
    // partition on the referencing table, and a partition one of its parent's keys;
    // only the parent is the user's constraint. A partition's inherited CHECK is its parent's.
    "WHERE con.conrelid = ANY ($1::oid[]) AND con.contype IN ('p', 'u', 'c', 'f', 'x') "
    "  AND con.conparentid = 0 AND NOT (cr.relispartition AND con.coninhcount > 0) "
    "ORDER BY con.conrelid, con.conname COLLATE \"C\"";

// The names of `relation`'s columns numbered in `numbers`, or none when one was not read.
std::optional<std::vector<std::string>> column_names(const ObjectNames& names, pqxx::oid relation,
                                                     const std::vector<std::int64_t>& numbers) {
  std::vector<std::string> columns;
  for (auto number : numbers) {
    const ColumnFacts* column = names.column(relation, static_cast<std::int32_t>(number));
    if (!column) return std::nullopt;
    columns.push_back(column->name);
  }
  return columns;
}

std::string quoted_list(const std::vector<std::string>& columns) {
  std::string list;
  for (const auto& column : columns) list += (list.empty() ? "" : ", ") + schema::quote_ident(column);
  return list;
}

// " ON UPDATE CASCADE" and the like; NO ACTION ('a') is not printed.
std::string referential_action(std::string_view on, char action) {
  std::string_view what = action == 'r'   ? "RESTRICT"
                          : action == 'c' ? "CASCADE"
                          : action == 'n' ? "SET NULL"
                          : action == 'd' ? "SET DEFAULT"
                                          : "";
  return what.empty() ? "" : fmt::format(" ON {} {}", on, what);
}

// A primary key, unique constraint or foreign key exactly as pg_get_constraintdef()
// prints it. The referenced table is always schema-qualified: no user schema is on
// the empty search_path.
std::string constraint_definition(const schema::Constraint& constraint, RowFields& fields) {
  std::string definition;
  switch (constraint.kind) {
    case schema::ConstraintKind::primary_key: definition = "PRIMARY KEY (" + quoted_list(constraint.columns) + ")"; break;
    case schema::ConstraintKind::unique:
      definition = std::string("UNIQUE ") + (fields.as<bool>(16) ? "NULLS NOT DISTINCT " : "") + "(" +
                   quoted_list(constraint.columns) + ")";
      break;
    default: {
      definition = "FOREIGN KEY (" + quoted_list(constraint.columns) + ") REFERENCES " +
                   schema::quote_name(constraint.referenced_table) + "(" +
                   quoted_list(constraint.referenced_columns) + ")";
      char match = fields.c_str(13)[0];
      if (match == 'f') definition += " MATCH FULL";
      if (match == 'p') definition += " MATCH PARTIAL";
      definition += referential_action("UPDATE", fields.c_str(14)[0]);
      definition += referential_action("DELETE", fields.c_str(15)[0]);
    }
  }
  if (constraint.deferrable) definition += " DEFERRABLE";
  if (constraint.initially_deferred) definition += " INITIALLY DEFERRED";
  if (!constraint.validated) definition += " NOT VALID";
  return definition;
}

// A constraint whose definition of its backing index is read with the indexes.
struct BackingIndex {
  std::size_t table;
  std::size_t constraint;
  pqxx::oid index;
};

std::vector<BackingIndex> read_constraints(Txn& txn, Tables& tables, const ObjectNames& names) {
  auto rows = txn.exec_params(std::string(constraint_rows_query), tables.oids);
  std::vector<BackingIndex> backing;
  std::vector<std::string> unnamed;  // oids of the constraints the server names and deparses
  std::unordered_map<pqxx::oid, std::pair<std::size_t, std::size_t>> constraint_of;  // (table, constraint)
  for (const auto& row : rows) {
    RowFields fields(row);
    schema::Constraint constraint{
        .name = fields.as<std::string>(1),
        .kind = constraint_kind(fields.as<std::string>(2)[0]),
        .deferrable = fields.as<bool>(7),
        .initially_deferred = fields.as<bool>(8),
        .validated = fields.as<bool>(9),
    };
    if (!fields.is_null(6)) constraint.referenced_table = {fields.text(5), fields.text(6)};
    auto columns = column_names(names, fields.as<pqxx::oid>(0), integer_array(fields.c_str(10)));
    auto referenced = fields.is_null(12) ? std::vector<std::string>{}
                                        : column_names(names, fields.as<pqxx::oid>(11), integer_array(fields.c_str(12)));
    if (columns && referenced) {
      constraint.columns = std::move(*columns);
      constraint.referenced_columns = std::move(*referenced);
      constraint.definition = fields.is_null(17) ? constraint_definition(constraint, fields) : fields.as<std::string>(17);
    }
    auto position = tables.position.at(fields.as<pqxx::oid>(0));
    auto& table = tables.list[position];
    if (!fields.is_null(4)) backing.push_back({position, table.constraints.size(), fields.as<pqxx::oid>(4)});
    if (!columns || !referenced) {
      unnamed.push_back(fields.as<std::string>(3));
      constraint_of.emplace(fields.as<pqxx::oid>(3), std::pair{position, table.constraints.size()});
    }
    table.constraints.push_back(std::move(constraint));
  }
  if (!unnamed.empty()) {
    auto names_of = [](std::string_view key, std::string_view relation) {
      return fmt::format(
          "ARRAY(SELECT a.attname FROM unnest(con.{0}) WITH ORDINALITY k(attnum, position) "
          "JOIN pg_attribute a ON a.attrelid = con.{1} AND a.attnum = k.attnum ORDER BY k.position)",
          key, relation);
    };
    for (const auto& row : txn.exec_params(
             fmt::format("SELECT con.oid, pg_get_constraintdef(con.oid), {}, {} FROM pg_constraint con "
                         "WHERE con.oid = ANY ($1::oid[])",
                         names_of("conkey", "conrelid"), names_of("confkey", "confrelid")),
             text_array_literal(unnamed))) {
      auto [table, at] = constraint_of.at(row[0].as<pqxx::oid>());
      auto& constraint = tables.list[table].constraints[at];
      constraint.definition = row[1].as<std::string>();
      constraint.columns = text_array(row[2]);
      constraint.referenced_columns = text_array(row[3]);
    }
  }
  return backing;
}

// Partitioning and the partitions' indexes, read before the indexes are filed.
struct PartitionRows {
  std::vector<Partitioning> partitioning;
  std::vector<AttachedIndexRow> attached_indexes;
};

PartitionRows read_partition_rows(Txn& txn, const std::string& oids) {
  return {read_partitioning(txn, oids), read_attached_indexes(txn, oids)};
}

void file_partitioning(PartitionRows rows, Tables& tables) {
  for (auto& partitioning : rows.partitioning) {
    auto& table = tables.list[tables.position.at(partitioning.table)];
    table.partition_key = std::move(partitioning.key);
    table.partition_of = std::move(partitioning.partition_of);
  }
  // Indexes backing a PRIMARY KEY or UNIQUE constraint are not in Table::indexes.
  for (auto& row : rows.attached_indexes) {
    auto& indexes = tables.list[tables.position.at(row.table)].indexes;
    auto index = std::find_if(indexes.begin(), indexes.end(), [&](const auto& i) { return i.name == row.index; });
    if (index != indexes.end()) index->attached.push_back(std::move(row.attached));
  }
}

// A partition's columns are its parent's, but a partition may have a default or a
// NOT NULL of its own (ATTACH PARTITION of a table that had them, or PARTITION OF
// ... (c DEFAULT x)). schemactl does not model those: they are listed, not lost.
// Identity is the parent's alone; a generated expression must be the parent's.
void list_partitions_own_columns(const Tables& tables, std::vector<schema::UnmanagedObject>& unmanaged) {
  std::map<schema::QualifiedName, const schema::Table*> parents;
  for (const auto& table : tables.list)
    if (!table.partition_key.empty()) parents.emplace(table.name, &table);
  for (const auto& [position, column] : tables.partition_columns) {
    const auto& partition = tables.list[position];
    if (!partition.partition_of) continue;
    auto parent = parents.find(partition.partition_of->parent);
    const auto* of_parent = parent == parents.end() ? nullptr : schema::find_column(*parent->second, column.name);
    if (!of_parent || of_parent->identity || !of_parent->generated.empty()) continue;
    auto name = schema::quote_name(partition.name) + "." + schema::quote_ident(column.name);
    if (column.default_expr != of_parent->default_expr) unmanaged.push_back({"partition's own column default", name});
    if (column.not_null && !of_parent->not_null) unmanaged.push_back({"partition's own NOT NULL", name});
  }
}

std::vector<schema::Sequence> read_sequences(Txn& txn, const std::string& excluded) {
  // Identity sequences are part of their column. A sequence owned by a view is
  // part of that unmanaged object. The owners' join starts from pg_sequence: the
  // same auto dependency on a column is every index's, 50,000 on 10,000 tables.
  auto rows = txn.exec_params(fmt::format(
      "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, "
      "  s.seqmin, s.seqmax, s.seqcache, s.seqcycle, o.nspname, o.relname, o.attname "
      "FROM pg_class c "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "JOIN pg_sequence s ON s.seqrelid = c.oid "
      "LEFT JOIN ("
      "  SELECT d.objid, tn.nspname, t.relname, a.attname, t.relkind "
      "  FROM pg_sequence os "
      "  JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = os.seqrelid "
      "  JOIN pg_class t ON t.oid = d.refobjid "
      "  JOIN pg_namespace tn ON tn.oid = t.relnamespace "
      "  JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
      "  WHERE d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' AND d.refobjsubid > 0"
      ") o ON o.objid = c.oid "
      "WHERE c.relkind = 'S' AND {} AND {} "
      "  AND NOT EXISTS (SELECT FROM pg_depend i WHERE i.classid = 'pg_class'::regclass "
      "    AND i.objid = c.oid AND i.deptype = 'i') "
      "  AND (o.relkind IS NULL OR o.relkind IN ('r', 'p')) "
      "ORDER BY n.nspname COLLATE \"C\", c.relname COLLATE \"C\"",
      user_schema, not_extension_member("pg_class", "c.oid")), excluded);
  std::vector<schema::Sequence> sequences;
  for (const auto& row : rows) {
    schema::Sequence sequence{
        .name = {row[0].as<std::string>(), row[1].as<std::string>()},
        .options = {.data_type = row[2].as<std::string>(),
                    .start = row[3].as<std::int64_t>(),
                    .increment = row[4].as<std::int64_t>(),
                    .min_value = row[5].as<std::int64_t>(),
                    .max_value = row[6].as<std::int64_t>(),
                    .cache = row[7].as<std::int64_t>(),
                    .cycle = row[8].as<bool>()},
    };
    if (!row[10].is_null())
      sequence.owned_by = schema::SequenceOwner{{text(row[9]), text(row[10])}, text(row[11])};
    sequences.push_back(std::move(sequence));
  }
  return sequences;
}

// Everything schemactl does not model, one branch per catalog. Columns: kind,
// schema (NULL when the object is not schema-qualified), name, the argument list
// of a routine, and the table a trigger, policy or rule is attached to.
std::string unmanaged_query() {
  auto on_user_relation = [](std::string_view catalog, std::string_view oid) {
    return fmt::format("{} AND {} AND {}", user_schema, not_extension_member("pg_class", "c.oid"),
                       not_extension_member(catalog, oid));
  };
  return fmt::format(
      "SELECT 'foreign table', n.nspname, c.relname, NULL::text, NULL::name "
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind = 'f' AND {} AND {} "
      "UNION ALL "
      "SELECT CASE p.prokind WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' END, "
      "  n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), NULL "
      "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE p.prokind IN ('a', 'w') AND {} AND {} "
      "UNION ALL "
      // Enums, domains and composite types are managed (introspect_types.cpp).
      "SELECT 'range type', n.nspname, t.typname, NULL, NULL "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
      "WHERE t.typtype = 'r' AND {} AND {} "
      "UNION ALL "
      // Triggers of tables (partitioned or not) and views are managed. tgparentid:
      // a partitioned table's trigger is cloned onto each partition.
      "SELECT 'trigger', n.nspname, g.tgname, NULL, c.relname "
      "FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE NOT g.tgisinternal AND g.tgparentid = 0 "
      "  AND c.relkind NOT IN ('r', 'p', 'v') AND {} "
      "UNION ALL "
      // Policies of tables are managed (introspect_policies.cpp).
      "SELECT 'policy', n.nspname, pol.polname, NULL, c.relname "
      "FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind NOT IN ('r', 'p') AND {} "
      "UNION ALL "
      // _RETURN is how a view is implemented, not a rule of the user's.
      "SELECT 'rule', n.nspname, r.rulename, NULL, c.relname "
      "FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE r.rulename <> '_RETURN' AND {} "
      "UNION ALL "
      "SELECT 'collation', n.nspname, co.collname, NULL, NULL "
      "FROM pg_collation co JOIN pg_namespace n ON n.oid = co.collnamespace "
      "WHERE {} AND {}",
      user_schema, not_extension_member("pg_class", "c.oid"),  //
      user_schema, not_extension_member("pg_proc", "p.oid"),   //
      user_schema, not_extension_member("pg_type", "t.oid"),
      on_user_relation("pg_trigger", "g.oid"),     //
      on_user_relation("pg_policy", "pol.oid"),    //
      on_user_relation("pg_rewrite", "r.oid"),     //
      user_schema, not_extension_member("pg_collation", "co.oid"));
}

std::vector<schema::UnmanagedObject> read_unmanaged(Txn& txn, const std::string& excluded) {
  std::vector<schema::UnmanagedObject> objects;
  for (const auto& row : txn.exec_params(unmanaged_query(), excluded)) {
    std::string schema_name = text(row[1]);
    std::string name = row[2].as<std::string>();
    std::string label;
    if (!row[4].is_null()) label = schema::quote_ident(name) + " ON " + schema::quote_name({schema_name, text(row[4])});
    else if (row[1].is_null()) label = schema::quote_ident(name);
    else label = schema::quote_name({schema_name, name});
    if (!row[3].is_null()) label += "(" + text(row[3]) + ")";
    objects.push_back({row[0].as<std::string>(), std::move(label)});
  }
  return objects;
}

// What a second session reads at the same time as the first: the indexes,
// pg_depend, the partitioning, sequences, unmanaged objects and comments, as long as
// all the rest (measured on 10,000 tables). It names the first two from `names`, once `names_read` says the first
// session has read them all; that work is off the end of the introspection.
struct SecondHalf {
  Indexes indexes;
  std::vector<schema::Dependency> dependencies;
  PartitionRows partition_rows;
  std::vector<schema::Sequence> sequences;
  std::vector<schema::UnmanagedObject> unmanaged;
  std::vector<ReadComment> comments;
};

SecondHalf read_second_half(Txn& txn, const std::string& oids, const std::string& excluded, const ObjectNames& names,
                            std::shared_future<void> names_read) {
  auto index_rows = read_index_rows(txn, oids);
  auto dependency_rows = read_dependency_rows(txn);
  SecondHalf half{.partition_rows = read_partition_rows(txn, oids),
                  .sequences = read_sequences(txn, excluded),
                  .unmanaged = read_unmanaged(txn, excluded),
                  .comments = read_comments(txn, excluded)};
  names_read.get();
  half.indexes = build_indexes(txn, std::move(index_rows), names);
  half.dependencies = name_dependencies(dependency_rows, names);
  return half;
}

// The settings every introspection session reads with.
void prepare_session(Txn& txn) {
  // With an empty search_path the deparsers qualify every name outside pg_catalog.
  txn.exec("SELECT set_config('search_path', '', true)");
  // Every query reads whole catalogs, where hash joins are right. Right after a
  // bulk of DDL the catalogs' statistics are stale, and the planner, expecting a few
  // rows, chose nested loops over 10^5-row CTEs: 16 minutes instead of 1 s on 10,000
  // tables. Turning them off keeps every plan linear, whatever the statistics.
  txn.exec("SELECT set_config('enable_nestloop', 'off', true)");
  // The disabled nested loops cost 10^10 each, far above jit_above_cost: every query
  // that still needs one (a LATERAL function call) was compiled with LLVM, inlining
  // and optimizing included, for more time than it then runs. Catalog queries are
  // short; compiling never pays off.
  txn.exec("SELECT set_config('jit', 'off', true)");
  // The default 4 MB sent the sorts and hashes of 10^5 catalog rows to disk. A few
  // tens of MB per node, for two sessions, for a second.
  txn.exec("SELECT set_config('work_mem', '64MB', true)");
  // Parallel workers start with cold catalog caches, to share cores that the two
  // sessions already keep busy.
  txn.exec("SELECT set_config('max_parallel_workers_per_gather', '0', true)");
}

using ReadOnlySnapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

// The second half, on a session of its own that imports `txn`'s snapshot
// (pg_export_snapshot, as pg_dump --jobs does), so both halves see one state.
std::future<SecondHalf> read_second_half_concurrently(const std::string& conninfo, Txn& txn, const std::string& oids,
                                                      const std::string& excluded, const ObjectNames& names,
                                                      std::shared_future<void> names_read) {
  auto snapshot = txn.exec1("SELECT pg_export_snapshot()")[0].as<std::string>();
  return std::async(std::launch::async, [&conninfo, snapshot, &oids, &excluded, &names, names_read] {
    pqxx::connection other(conninfo);
    ReadOnlySnapshot second(other);
    second.exec("SET TRANSACTION SNAPSHOT " + second.quote(snapshot));
    prepare_session(second);
    auto half = read_second_half(second, oids, excluded, names, names_read);
    second.commit();
    return half;
  });
}

// `conninfo`, when given, reaches the same database for a second session.
schema::Catalog read_catalog(pqxx::connection& conn, const std::string* conninfo, const IntrospectOptions& options) {
  // Repeatable read: all the queries below see one snapshot, so a concurrent DDL
  // cannot leave a constraint pointing at a table we did not see.
  ReadOnlySnapshot txn(conn);
  prepare_session(txn);
  std::string excluded = text_array_literal(options.excluded_schemas);

  schema::Catalog catalog;
  catalog.schemas = read_schemas(txn, excluded);
  Tables tables = read_tables(txn, excluded);
  ObjectNames names;
  for (const auto& [oid, position] : tables.position) names.tables.emplace(oid, tables.list[position].name);
  std::future<SecondHalf> second_half;
  // Declared after second_half, destroyed before it: should this session fail
  // before the names are read, the broken promise stops the second one, which
  // second_half's destructor then joins, instead of both waiting for ever.
  std::promise<void> names_read;
  second_half = conninfo && tables.list.size() >= options.second_session_from_tables
                    ? read_second_half_concurrently(*conninfo, txn, tables.oids, excluded, names,
                                                    names_read.get_future().share())
                    : std::async(std::launch::deferred, [&, read = names_read.get_future().share()] {
                        return read_second_half(txn, tables.oids, excluded, names, read);
                      });
  // What the second session names its rows with, first.
  read_columns(txn, tables, names);
  catalog.functions = read_functions(txn, excluded, names);
  catalog.views = read_views(txn, excluded, names);
  names_read.set_value();
  auto backing_indexes = read_constraints(txn, tables, names);
  for (auto& [table, settings] : read_table_settings(txn, tables.oids))
    tables.list[tables.position.at(table)].settings = std::move(settings);
  catalog.policies = read_policies(txn, tables.oids);
  read_types(txn, excluded, catalog);
  catalog.triggers = read_triggers(txn, excluded);
  if (options.privileges) catalog.privileges = read_privileges(txn, excluded);
  auto half = second_half.get();
  catalog.sequences = std::move(half.sequences);
  catalog.unmanaged = std::move(half.unmanaged);
  for (auto& [table, index] : half.indexes.of_relations)
    tables.list[tables.position.at(table)].indexes.push_back(std::move(index));
  for (const auto& backing : backing_indexes)
    tables.list[backing.table].constraints[backing.constraint].index_definition =
        half.indexes.of_constraints.at(backing.index);
  // After the indexes: it files their partitions' under them.
  file_partitioning(std::move(half.partition_rows), tables);
  list_partitions_own_columns(tables, catalog.unmanaged);
  std::sort(catalog.unmanaged.begin(), catalog.unmanaged.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.name) < std::tie(b.kind, b.name);  // by kind, then name
  });
  catalog.tables = std::move(tables.list);
  catalog.dependencies = std::move(half.dependencies);
  // Last: a comment is kept only when the catalog holds its object.
  catalog.comments = managed_comments(half.comments, catalog);
  txn.commit();
  return catalog;
}

}  // namespace

schema::Catalog introspect(pqxx::connection& conn, const IntrospectOptions& options) {
  return read_catalog(conn, nullptr, options);
}

schema::Catalog introspect(const std::string& conninfo, const IntrospectOptions& options) {
  auto conn = connect(conninfo);
  return read_catalog(*conn, &conninfo, options);
}

}  // namespace schemactl::engine
