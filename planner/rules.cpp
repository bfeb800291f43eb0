#include "planner/rules.hpp"

#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "planner/dependency_graph.hpp"
#include "planner/preflight_checks.hpp"
#include "planner/rules_comments.hpp"
#include "planner/rules_partitions.hpp"
#include "planner/rules_policies.hpp"
#include "planner/rules_privileges.hpp"
#include "planner/rules_renames.hpp"
#include "planner/rules_routines.hpp"
#include "planner/rules_table_options.hpp"
#include "planner/rules_types.hpp"
#include "planner/type_change.hpp"
#include "schema/ddl.hpp"
#include "schema/names.hpp"
#include "schema/object_key.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;
using schema::quote_ident;
using schema::quote_name;

struct Rules {
  const schema::Catalog& from;
  const schema::Catalog& to;
  StagedSteps& out;

  // Preflight checks only make sense on data that exists before the migration:
  // columns the plan adds are empty or filled by a default until it runs.
  bool has_existing_columns(const schema::QualifiedName& table, const std::vector<std::string>& columns) const {
    const auto* current = schema::find_table(from, table);
    if (current == nullptr) return false;
    return std::all_of(columns.begin(), columns.end(),
                       [&](const std::string& column) { return schema::find_column(*current, column) != nullptr; });
  }

  // For expressions: no column that the plan adds is mentioned (conservatively, by name).
  bool uses_existing_columns(const schema::QualifiedName& table, std::string_view sql) const {
    const auto* current = schema::find_table(from, table);
    const auto* desired = schema::find_table(to, table);
    if (current == nullptr || desired == nullptr) return false;
    return std::none_of(desired->columns.begin(), desired->columns.end(), [&](const schema::Column& column) {
      return schema::find_column(*current, column.name) == nullptr &&
             sql.find(quote_ident(column.name)) != std::string_view::npos;
    });
  }

  void add_preflight(engine::Preflight check) { out.back().planned.step.preflight.push_back(std::move(check)); }

  void add(Stage stage, std::string sql, TxMode tx, std::string object, std::string why,
           std::vector<Hazard> hazards = {}) {
    add_step(out, stage, std::move(sql), tx, std::move(object), std::move(why), std::move(hazards));
  }

  template <RoutineChange Change>
  void operator()(const Change& c) {
    plan_routine_change(c, out);
  }

  static std::string column_object(const schema::QualifiedName& table, std::string_view column) {
    return quote_name(table) + "." + quote_ident(column);
  }

  static std::string alter_column(const schema::QualifiedName& table, std::string_view column) {
    return fmt::format("ALTER TABLE {} ALTER COLUMN {}", quote_name(table), quote_ident(column));
  }

  // Row-level security: rules_policies.cpp. Policies are Added/Changed/Dropped like
  // types; these overloads win over the templates below.
  void operator()(const engine::RowSecurityChanged& c) { plan_policy_change(c, out); }
  void operator()(const engine::PolicyAdded& c) { plan_policy_change(c, out); }
  void operator()(const engine::PolicyDropped& c) { plan_policy_change(c, out); }
  void operator()(const engine::PolicyChanged& c) { plan_policy_change(c, out); }

  // Privileges: rules_privileges.cpp; like policies, these win over the templates below.
  void operator()(const engine::PrivilegeGranted& c) { plan_privilege_change(c, out); }
  void operator()(const engine::PrivilegeRevoked& c) { plan_privilege_change(c, out); }
  void operator()(const engine::GrantOptionChanged& c) { plan_privilege_change(c, out); }

  // Extensions and user types: rules_types.cpp.
  template <typename Object>
  void operator()(const engine::Added<Object>& c) { TypeRules{from, to, out}(c); }
  template <typename Object>
  void operator()(const engine::Dropped<Object>& c) { TypeRules{from, to, out}(c); }
  template <typename Object>
  void operator()(const engine::Changed<Object>& c) { TypeRules{from, to, out}(c); }

  void operator()(const engine::TableSettingsChanged& c) { plan_table_settings_change(c, out); }
  void operator()(const engine::IndexSettingsChanged& c) { plan_index_settings_change(c, out); }
  void operator()(const engine::PartitionIndexRenamed& c) { plan_partition_index_rename(c, out); }
  void operator()(const engine::CommentChanged& c) { plan_comment_change(c, out); }

  void operator()(const engine::TableRenamed& c) { plan_rename(c, out); }

  // Partitioning: rules_partitions.cpp.
  void operator()(const engine::PartitionBoundChanged& c) { plan_partition_change(c, to, out); }
  void operator()(const engine::PartitioningRedefined& c) { plan_partition_change(c); }
  void operator()(const engine::ColumnRenamed& c) { plan_rename(c, out); }

  void operator()(const engine::SchemaAdded& c) {
    add(Stage::create_schema, "CREATE SCHEMA " + quote_ident(c.name), TxMode::shared,
        quote_ident(c.name), "a new schema");
  }

  void operator()(const engine::SchemaDropped& c) {
    add(Stage::drop_schema, "DROP SCHEMA " + quote_ident(c.name), TxMode::shared,
        quote_ident(c.name), "no CASCADE: its objects are dropped by earlier steps, each named");
  }

  void operator()(const engine::SequenceAdded& c) {
    add(Stage::create_sequence, schema::create_sequence_sql(c.sequence), TxMode::shared,
        quote_name(c.sequence.name), "a new sequence");
    if (c.sequence.owned_by) own_sequence(c.sequence);
  }

  void operator()(const engine::SequenceDropped& c) {
    // IF EXISTS: dropping its owning column or table already dropped an owned sequence.
    add(Stage::drop_sequence, "DROP SEQUENCE IF EXISTS " + quote_name(c.sequence.name),
        TxMode::shared, quote_name(c.sequence.name), "the sequence's current value is lost",
        {Hazard::deletes_data});
  }

  void operator()(const engine::SequenceChanged& c) {
    if (c.from.options != c.to.options) {
      add(Stage::alter_sequence,
          fmt::format("ALTER SEQUENCE {} {}", quote_name(c.to.name),
                      schema::sequence_options_sql(c.to.options)),
          TxMode::shared, quote_name(c.to.name), "sequence options are metadata only");
    }
    if (c.from.owned_by != c.to.owned_by) own_sequence(c.to);
  }

  void own_sequence(const schema::Sequence& sequence) {
    add(Stage::own_sequence, schema::sequence_owned_by_sql(sequence), TxMode::shared,
        quote_name(sequence.name), "after the owning column exists");
  }

  void operator()(const engine::TableAdded& c) {
    if (c.table.partition_of && schema::find_table(from, c.table.partition_of->parent)) {
      plan_partition_added(c, from, to, out);
    } else {
      std::string sql = schema::create_table_sql(c.table);
      // The table is new and empty: its indexes build instantly in the same transaction.
      for (const auto& index : c.table.indexes) sql += ";\n" + index.definition;
      add(Stage::create_table, std::move(sql), TxMode::shared, quote_name(c.table.name),
          "a new, empty table: its constraints and indexes cost nothing to build");
    }
    for (const auto& constraint : c.table.constraints) {
      if (schema::created_with_table(constraint)) continue;
      add(Stage::add_constraint, schema::add_constraint_sql(c.table.name, constraint),
          TxMode::shared, quote_name(c.table.name) + "." + quote_ident(constraint.name),
          "added once every new table exists; the table is empty, so validating is instant");
    }
  }

  void operator()(const engine::TableDropped& c) {
    if (c.table.partition_of && schema::find_table(to, c.table.partition_of->parent)) {
      plan_partition_dropped(c, from, out);
      return;
    }
    add(Stage::drop_table, "DROP TABLE " + quote_name(c.table.name), TxMode::shared,
        quote_name(c.table.name), "the table and all its rows are deleted",
        {Hazard::deletes_data});
  }

  void operator()(const engine::ColumnAdded& c) {
    const auto& column = c.column;
    auto object = column_object(c.table, column.name);
    auto add_column = fmt::format("ALTER TABLE {} ADD COLUMN ", quote_name(c.table));
    if (column.identity != 0 || !column.generated.empty()) {
      add(Stage::alter_column, add_column + schema::column_definition(column), TxMode::own, object,
          "identity and generated values are computed for every row while the table is locked",
          {Hazard::table_rewrite});
      return;
    }
    if (!column.default_is_volatile) {
      add(Stage::alter_column, add_column + schema::column_definition(column), TxMode::shared,
          object,
          column.not_null && column.default_expr.empty()
              ? "NOT NULL without a DEFAULT succeeds only while the table is empty"
              : "a constant default is stored in the catalog: no rewrite (PostgreSQL 11+)");
      return;
    }
    schema::Column nullable = column;
    nullable.not_null = false;
    nullable.default_expr.clear();
    add(Stage::alter_column, add_column + schema::column_definition(nullable), TxMode::shared,
        object, "added nullable without its volatile default, which would rewrite the table");
    add(Stage::alter_column,
        fmt::format("{} SET DEFAULT {}", alter_column(c.table, column.name), column.default_expr),
        TxMode::shared, object, "new rows get the default from now on");
    backfill(c.table, column);
    if (column.not_null) set_not_null(c.table, column.name, false);
  }

  void backfill(const schema::QualifiedName& table, const schema::Column& column) {
    PlannedStep planned;
    planned.step.sql = fmt::format("UPDATE {} SET {} = DEFAULT WHERE {} IS NULL", quote_name(table),
                                   quote_ident(column.name), quote_ident(column.name));
    planned.step.tx = TxMode::none;
    engine::Backfill spec{table, column.name, "DEFAULT", {}};
    if (const auto* current = schema::find_table(from, table)) spec.key_columns = primary_key_columns(*current);
    planned.step.backfill = std::move(spec);
    planned.object = column_object(table, column.name);
    planned.why = "existing rows are filled in short batches, each its own transaction";
    out.push_back({Stage::backfill, std::move(planned)});
  }

  static std::vector<std::string> primary_key_columns(const schema::Table& table);

  // CHECK (c IS NOT NULL) NOT VALID -> VALIDATE -> SET NOT NULL (which uses the
  // validated check instead of scanning) -> drop the check.
  void set_not_null(const schema::QualifiedName& table, const std::string& column, bool existing) {
    auto object = column_object(table, column);
    auto check = quote_ident(not_null_check_name(table.name, column));
    add(Stage::not_null_check,
        fmt::format("ALTER TABLE {} ADD CONSTRAINT {} CHECK ({} IS NOT NULL) NOT VALID",
                    quote_name(table), check, quote_ident(column)),
        TxMode::shared, object, "NOT VALID: no scan while holding the ACCESS EXCLUSIVE lock");
    if (existing) add_preflight(no_nulls(table, column));
    add(Stage::not_null_validate,
        fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {}", quote_name(table), check),
        TxMode::own, object, "scans the table under a lock that lets reads and writes go on");
    add(Stage::not_null_set,
        fmt::format("{} SET NOT NULL", alter_column(table, std::string(column))), TxMode::shared,
        object, "the validated check proves no NULLs: no scan");
    add(Stage::not_null_set,
        fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", quote_name(table), check),
        TxMode::shared, object, "the check was only a stepping stone to NOT NULL");
  }

  static std::string not_null_check_name(std::string_view table, std::string_view column) {
    return schema::truncate_identifier(fmt::format("{}_{}_not_null", table, column));
  }

  void operator()(const engine::ColumnDropped& c) {
    add(Stage::drop_column,
        fmt::format("ALTER TABLE {} DROP COLUMN {}", quote_name(c.table), quote_ident(c.column.name)),
        TxMode::shared, column_object(c.table, c.column.name),
        "the column's values are deleted; old code may still read it, so after the deploy",
        {Hazard::deletes_data});
  }

  void operator()(const engine::ColumnChanged& c) {
    const auto& a = c.from;
    const auto& b = c.to;
    auto object = column_object(c.table, b.name);
    if (recreates_column(c)) {
      // One statement: no moment without the column, and nothing is lost that
      // the expression does not compute again.
      add(Stage::alter_column,
          fmt::format("ALTER TABLE {} DROP COLUMN {}, ADD COLUMN {}", quote_name(c.table), quote_ident(a.name),
                      schema::column_definition(b)),
          TxMode::own, object,
          "the generated values are computed again for every row while the table is locked; "
          "the column moves to the end of the table",
          {Hazard::table_rewrite});
      return;
    }
    if (a.generated != b.generated)
      add(Stage::alter_column, alter_column(c.table, b.name) + " DROP EXPRESSION", TxMode::shared, object,
          "keeps the stored values; metadata only");
    bool retyped = a.type != b.type && !moved_with_extension(from, to, a.type, b.type);
    if (retyped || a.collation != b.collation) change_type(c.table, a, b);
    if (a.identity != b.identity || a.identity_options != b.identity_options) change_identity(c.table, a, b);
    if (a.default_expr != b.default_expr && b.identity == 0 && b.generated.empty()) {
      if (b.default_expr.empty()) {
        add(Stage::drop_default, alter_column(c.table, b.name) + " DROP DEFAULT", TxMode::shared,
            object, "old code may rely on the default, so after the deploy");
      } else {
        add(Stage::alter_column,
            fmt::format("{} SET DEFAULT {}", alter_column(c.table, b.name), b.default_expr),
            TxMode::shared, object, "metadata only: applies to new rows");
      }
    }
    if (a.not_null && !b.not_null) {
      add(Stage::alter_column, alter_column(c.table, b.name) + " DROP NOT NULL", TxMode::shared,
          object, "metadata only");
    } else if (!a.not_null && b.not_null && b.default_is_volatile && b.identity == 0) {
      // A column added nullable with a volatile default, whose backfill was cut
      // short (an interrupted declarative apply): finish filling it, then tighten.
      backfill(c.table, b);
      set_not_null(c.table, b.name, false);
    } else if (!a.not_null && b.not_null) {
      set_not_null(c.table, b.name, true);
    }
  }

  void change_type(const schema::QualifiedName& table, const schema::Column& a,
                   const schema::Column& b) {
    auto collate = b.collation.empty() ? std::string{} : " COLLATE " + b.collation;
    auto sql = fmt::format("{} TYPE {}{}", alter_column(table, b.name), b.type, collate);
    auto object = column_object(table, b.name);
    if (a.type == b.type || changes_in_place(a.type, b.type)) {
      // A new collation changes no stored value, but every index on the column is
      // rebuilt while the table is locked.
      if (a.collation != b.collation && is_indexed(table, b.name)) {
        add(Stage::alter_column, std::move(sql), TxMode::own, object,
            "a new collation rebuilds the column's indexes under an ACCESS EXCLUSIVE lock",
            {Hazard::index_build, Hazard::blocks_reads});
        return;
      }
      add(Stage::alter_column, std::move(sql), TxMode::shared, object,
          a.type == b.type ? std::string("a new collation on an unindexed column: no rewrite")
                           : fmt::format("{} -> {} is binary-coercible: no rewrite", a.type, b.type));
      out.back().planned.lint_ignore = "column-type-change binary-coercible, no rewrite";
      return;
    }
    add(Stage::alter_column, fmt::format("{} USING {}::{}", sql, quote_ident(b.name), b.type),
        TxMode::own, object,
        fmt::format("{} -> {} rewrites the table and its indexes", a.type, b.type),
        {Hazard::table_rewrite});
  }

  // Whether an index of the current table, or one backing a constraint, uses the column.
  bool is_indexed(const schema::QualifiedName& table, const std::string& column) const {
    const auto* current = schema::find_table(from, table);
    if (current == nullptr) return false;
    auto uses = [&](const std::string& definition) {
      auto keys = definition.find(" USING ");
      return keys != std::string::npos && schema::find_name(definition, quote_ident(column), keys) != std::string::npos;
    };
    return std::any_of(current->indexes.begin(), current->indexes.end(),
                       [&](const schema::Index& index) { return uses(index.definition); }) ||
           std::any_of(current->constraints.begin(), current->constraints.end(),
                       [&](const schema::Constraint& constraint) { return uses(constraint.index_definition); });
  }

  void change_identity(const schema::QualifiedName& table, const schema::Column& a,
                       const schema::Column& b) {
    auto object = column_object(table, b.name);
    auto kind = [](char identity) { return identity == 'a' ? "ALWAYS" : "BY DEFAULT"; };
    std::string sql;
    if (b.identity == 0) {
      sql = " DROP IDENTITY";
    } else if (a.identity == 0) {
      sql = fmt::format(" ADD GENERATED {} AS IDENTITY ({})", kind(b.identity),
                        schema::identity_options_sql(b.identity_options));
    } else {
      sql = fmt::format(" SET GENERATED {} {}", kind(b.identity),
                        schema::identity_options_sql(b.identity_options, "SET "));
    }
    add(Stage::alter_column, alter_column(table, b.name) + sql, TxMode::shared, object,
        "identity is metadata only on an existing column");
  }

  void operator()(const engine::ConstraintAdded& c) {
    const auto& constraint = c.constraint;
    auto object = quote_name(c.table) + "." + quote_ident(constraint.name);
    auto table = quote_name(c.table);
    if (constraint.kind != schema::ConstraintKind::check && is_partitioned(to, c.table)) {
      plan_partitioned_constraint(c, out);
      return;
    }
    switch (constraint.kind) {
      case schema::ConstraintKind::primary_key:
      case schema::ConstraintKind::unique: {
        add(Stage::create_index, concurrently(constraint.index_definition), TxMode::none, object,
            "built CONCURRENTLY: writes go on while the unique index builds");
        if (has_existing_columns(c.table, constraint.columns)) {
          std::vector<std::string> keys;
          for (const auto& column : constraint.columns) keys.push_back(quote_ident(column));
          add_preflight(no_duplicates(c.table, keys, "", !nulls_not_distinct(constraint.definition)));
        }
        auto sql = fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {} USING INDEX {}", table,
                               quote_ident(constraint.name),
                               constraint.kind == schema::ConstraintKind::primary_key ? "PRIMARY KEY" : "UNIQUE",
                               quote_ident(constraint.name));
        if (constraint.deferrable) sql += " DEFERRABLE";
        if (constraint.initially_deferred) sql += " INITIALLY DEFERRED";
        add(Stage::add_key_constraint, std::move(sql), TxMode::shared, object,
            "USING INDEX: the constraint adopts the index already built, no scan");
        return;
      }
      case schema::ConstraintKind::check:
      case schema::ConstraintKind::foreign_key: {
        auto definition = without_not_valid(constraint.definition);
        add(Stage::add_constraint,
            fmt::format("ALTER TABLE {} ADD CONSTRAINT {} {} NOT VALID", table,
                        quote_ident(constraint.name), definition),
            TxMode::shared, object, "NOT VALID: existing rows are checked later, without blocking writes");
        bool foreign_key = constraint.kind == schema::ConstraintKind::foreign_key;
        if (constraint.validated && foreign_key && has_existing_columns(c.table, constraint.columns) &&
            has_existing_columns(constraint.referenced_table, constraint.referenced_columns)) {
          add_preflight(no_orphans(c.table, constraint));
        } else if (constraint.validated && !foreign_key && uses_existing_columns(c.table, constraint.definition) &&
                   !calls_new_function(schema::constraint_key(c.table, constraint.name), from, to)) {
          add_preflight(check_holds(c.table, constraint));
        }
        if (constraint.validated) {
          add(Stage::validate_constraint,
              fmt::format("ALTER TABLE {} VALIDATE CONSTRAINT {}", table, quote_ident(constraint.name)),
              TxMode::own, object, "scans under SHARE UPDATE EXCLUSIVE: reads and writes go on");
        }
        return;
      }
      case schema::ConstraintKind::exclusion:
        add(Stage::add_constraint, schema::add_constraint_sql(c.table, constraint), TxMode::own,
            object, "PostgreSQL cannot add an exclusion constraint USING INDEX",
            {Hazard::blocks_reads, Hazard::blocks_writes});
        return;
    }
  }

  static std::string without_not_valid(std::string definition) {
    constexpr std::string_view suffix = " NOT VALID";
    if (definition.ends_with(suffix)) definition.resize(definition.size() - suffix.size());
    return definition;
  }

  // "CREATE [UNIQUE] INDEX name ON ..." -> "CREATE [UNIQUE] INDEX CONCURRENTLY IF NOT EXISTS name ON ..."
  static std::string concurrently(const std::string& definition) {
    auto at = definition.find("INDEX ");
    if (at == std::string::npos) return definition;
    at += 6;
    return definition.substr(0, at) + "CONCURRENTLY IF NOT EXISTS " + definition.substr(at);
  }

  void operator()(const engine::ConstraintDropped& c) {
    std::vector<Hazard> hazards;
    if (c.constraint.kind == schema::ConstraintKind::primary_key ||
        c.constraint.kind == schema::ConstraintKind::unique) {
      hazards.push_back(Hazard::index_dropped);
    }
    bool foreign_key = c.constraint.kind == schema::ConstraintKind::foreign_key;
    add(foreign_key ? Stage::drop_foreign_key : Stage::drop_constraint,
        fmt::format("ALTER TABLE {} DROP CONSTRAINT {}", quote_name(c.table),
                    quote_ident(c.constraint.name)),
        TxMode::shared, quote_name(c.table) + "." + quote_ident(c.constraint.name),
        "dropping a constraint only loosens what the table accepts", std::move(hazards));
    out.back().planned.lint_ignore = "drop-constraint the desired schema no longer declares it";
  }

  void operator()(const engine::IndexAdded& c) {
    if (is_partitioned(to, c.table)) {
      plan_partitioned_index(c, to, out);
    } else {
      add(Stage::create_index, concurrently(c.index.definition), TxMode::none,
          quote_name({c.table.schema, c.index.name}), "CONCURRENTLY: reads and writes go on while it builds");
    }
    if (c.index.unique && uses_existing_columns(c.table, c.index.definition)) {
      add_preflight(no_duplicates(c.table, c.index.key_expressions, c.index.predicate,
                                  !nulls_not_distinct(c.index.definition)));
    }
  }

  static bool nulls_not_distinct(std::string_view definition) {
    return definition.find("NULLS NOT DISTINCT") != std::string_view::npos;
  }

  void operator()(const engine::IndexDropped& c) {
    if (is_partitioned(from, c.table)) {
      plan_partitioned_index(c, out);
      return;
    }
    // A redefined index must go before its replacement is built under the same name.
    add(c.redefined ? Stage::drop_redefined_index : Stage::drop_index,
        "DROP INDEX CONCURRENTLY IF EXISTS " + quote_name({c.table.schema, c.index.name}),
        TxMode::none, quote_name({c.table.schema, c.index.name}),
        "CONCURRENTLY: waits for running queries instead of blocking new ones",
        {Hazard::index_dropped});
  }
};

std::vector<std::string> Rules::primary_key_columns(const schema::Table& table) {
  for (const auto& constraint : table.constraints) {
    if (constraint.kind == schema::ConstraintKind::primary_key) return constraint.columns;
  }
  return {};
}

}  // namespace

bool recreates_column(const engine::ColumnChanged& change) {
  return !change.to.generated.empty() && change.from.generated != change.to.generated;
}

std::vector<engine::Change> with_column_parts_restored(std::vector<engine::Change> changes, const schema::Catalog& to) {
  std::set<std::pair<schema::QualifiedName, std::string>> added;  // (table, index or constraint) a change adds
  std::vector<std::pair<schema::QualifiedName, std::string>> recreated;  // (table, column)
  for (const auto& change : changes) {
    if (const auto* c = std::get_if<engine::IndexAdded>(&change)) added.emplace(c->table, c->index.name);
    if (const auto* c = std::get_if<engine::ConstraintAdded>(&change)) added.emplace(c->table, c->constraint.name);
    if (const auto* c = std::get_if<engine::ColumnChanged>(&change); c && recreates_column(*c))
      recreated.emplace_back(c->table, c->to.name);
  }
  for (const auto& [name, column] : recreated) {
    const auto* table = schema::find_table(to, name);
    if (!table) continue;
    // A name found elsewhere in the definition only builds an index that exists
    // again: the step is CREATE INDEX ... IF NOT EXISTS.
    for (const auto& index : table->indexes)
      if (schema::find_name(index.definition, quote_ident(column)) != std::string::npos &&
          added.emplace(name, index.name).second)
        changes.push_back(engine::IndexAdded{name, index});
    for (const auto& constraint : table->constraints)
      if (std::find(constraint.columns.begin(), constraint.columns.end(), column) != constraint.columns.end() &&
          added.emplace(name, constraint.name).second)
        changes.push_back(engine::ConstraintAdded{name, constraint});
    for (const auto& privilege : to.privileges)
      if (privilege.object == name && privilege.column == column) changes.push_back(engine::PrivilegeGranted{privilege});
  }
  return changes;
}

void plan_change(const engine::Change& change, const schema::Catalog& from, const schema::Catalog& to,
                 StagedSteps& out) {
  std::visit(Rules{from, to, out}, change);
}

}  // namespace schemactl::planner
