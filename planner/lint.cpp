#include "planner/lint.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "planner/lint_annotations.hpp"
#include "planner/lint_rules.hpp"
#include "planner/lint_session.hpp"
#include "planner/lint_tree.hpp"
#include "schema/names.hpp"
#include "schema/source.hpp"

namespace schemactl::planner {
namespace {

using lint_tree::child;
using lint_tree::flag;
using lint_tree::json;
using lint_tree::names;
using lint_tree::qualified;
using lint_tree::table_of;
using lint_tree::text;
using schema::QualifiedName;

std::string show(const QualifiedName& name) { return schema::display_name(name); }

std::string show_column(const QualifiedName& table, std::string_view column) {
  return show(table) + "." + schema::quote_ident(column);
}

// ---- The file, statement by statement --------------------------------------------------

// A CHECK or FOREIGN KEY added earlier in the file.
struct AddedConstraint {
  QualifiedName table;
  std::string name;
  bool added_not_valid = false;
  bool validated = false;
  int transaction = 0;
  std::vector<std::string> not_null_columns;  // what it proves, once validated
};

// A lock stronger than SHARE UPDATE EXCLUSIVE, the weakest that lets writes go on.
enum class Blocks { nothing, writes, reads_and_writes };

// What ALTER TABLE's subcommand locks. Most take ACCESS EXCLUSIVE; these take less.
Blocks blocked_by(const json& command) {
  static const std::set<std::string, std::less<>> share_update_exclusive = {
      "AT_ValidateConstraint", "AT_SetStatistics", "AT_SetOptions",  "AT_ResetOptions",           "AT_SetRelOptions",
      "AT_ResetRelOptions",    "AT_ClusterOn",     "AT_DropCluster", "AT_DetachPartitionFinalize"};
  std::string subtype = text(command, "subtype");
  if (share_update_exclusive.contains(subtype)) return Blocks::nothing;
  if (subtype == "AT_DetachPartition" && flag(child(child(command, "def"), "PartitionCmd"), "concurrent"))
    return Blocks::nothing;
  // SHARE ROW EXCLUSIVE: foreign keys and triggers.
  if (subtype.find("Trig") != std::string::npos) return Blocks::writes;
  if (subtype == "AT_AddConstraint" && text(child(child(command, "def"), "Constraint"), "contype") == "CONSTR_FOREIGN")
    return Blocks::writes;
  return Blocks::reads_and_writes;
}

class Linter {
 public:
  explicit Linter(const Silenced& silenced) : silenced_(silenced) {}

  void lint(const schema::Statement& statement, std::size_t index, const json& node) {
    statement_ = &statement;
    index_ = index;
    session_.next_statement();
    const std::string& kind = statement.kind;
    // ADD VALUE may run in a block since PostgreSQL 12; only using the value waits for COMMIT.
    if (session_.in_block() && !statement.transactional && kind != "AlterEnumStmt") refused_in_block(kind, node);
    if (!session_.in_block() && !statement.transactional) not_idempotent(kind, node);
    if (kind == "TransactionStmt")
      session_.transaction_control(node, statement.line);
    else if (kind == "VariableSetStmt")
      session_.set_variable(node);
    else if (kind == "CreateStmt" && !flag(node, "if_not_exists"))
      created(table_of(child(node, "relation")));
    else if (kind == "CreateTableAsStmt" && !flag(node, "if_not_exists"))
      created(table_of(child(child(node, "into"), "rel")));
    else if (kind == "SelectStmt" && node.contains("intoClause"))
      created(table_of(child(node["intoClause"], "rel")));
    else if (kind == "IndexStmt")
      create_index(node);
    else if (kind == "DropStmt")
      drop(node);
    else if (kind == "AlterTableStmt" && text(node, "objtype") == "OBJECT_TABLE")
      alter_table(node);
    else if (kind == "RenameStmt")
      rename(node);
    else if (kind == "CreateTrigStmt")
      create_trigger(node);
    else if (kind == "TruncateStmt")
      truncate(node);
    else if (kind == "LockStmt")
      lock(node);
    else if (kind == "AlterEnumStmt")
      alter_enum(node);
  }

  std::vector<LintFinding> findings() && {
    std::vector<LintFinding> kept;
    for (std::size_t i = 0; i < findings_.size(); ++i)
      if (!withdrawn_.contains(i)) kept.push_back(std::move(findings_[i]));
    return kept;
  }

 private:
  void report(LintRule rule, std::string message, std::string fix) {
    if (silenced_.contains(index_, rule)) return;
    const LintRuleInfo& about = info(rule);
    findings_.push_back({std::string(about.code), std::string(about.name), std::move(message), statement_->file,
                         statement_->line, statement_->column, std::move(fix)});
  }

  // Tables created earlier in the file are new and empty, and nobody else uses them
  // yet: building, scanning or locking them costs nothing. CREATE TABLE IF NOT EXISTS
  // may have found a table with rows, so it does not count.
  bool is_new(const QualifiedName& table) const { return new_tables_.contains(table); }
  void created(const QualifiedName& table) { new_tables_.insert(table); }

  // ---- Locks

  // Rule 10. `on`: the tables it locks that existed before this file.
  void check_lock_timeout(std::string_view what, std::string_view on, Blocks blocks) {
    if (blocks == Blocks::nothing || on.empty() || session_.has_lock_timeout()) return;
    std::string_view blocked = blocks == Blocks::writes ? "writes" : "reads and writes";
    report(
        LintRule::missing_lock_timeout,
        fmt::format("{} has no lock_timeout: while it waits for its lock, {} on {} queue behind it", what, blocked, on),
        "SET lock_timeout = '2s' before it (SET LOCAL inside a transaction block) and retry when it times out");
  }

  // The tables of `tables` that existed before this file, for messages.
  std::string existing(const std::vector<QualifiedName>& tables) const {
    std::vector<std::string> shown;
    for (const QualifiedName& table : tables)
      if (!is_new(table)) shown.push_back(show(table));
    return fmt::format("{}", fmt::join(shown, ", "));
  }

  // Rule 3.
  void refused_in_block(std::string_view kind, const json& node) {
    std::string what;
    if (kind == "IndexStmt") {
      what = fmt::format("CREATE INDEX CONCURRENTLY {}", schema::quote_ident(text(node, "idxname")));
    } else if (kind == "DropStmt") {
      std::vector<std::string> indexes;
      for (const json& object : child(node, "objects")) indexes.push_back(show(qualified(names(object))));
      what = fmt::format("DROP INDEX CONCURRENTLY {}", fmt::join(indexes, ", "));
    } else {
      std::string_view sql = statement_->sql;
      what = sql.substr(0, sql.find('\n'));
    }
    report(LintRule::concurrently_in_transaction,
           fmt::format("{} cannot run inside a transaction block (BEGIN at line {}): the migration fails here", what,
                       session_.block_line()),
           "run it outside BEGIN ... COMMIT: COMMIT before it, and BEGIN again after it if need be");
  }

  // Rule 16. A statement outside any transaction commits on its own: when apply dies
  // after it and before it is recorded, the resumed apply runs it again.
  void not_idempotent(std::string_view kind, const json& node) {
    std::string what;
    std::string guarded;
    if (kind == "IndexStmt" && !flag(node, "if_not_exists")) {
      what = fmt::format("CREATE INDEX CONCURRENTLY {}", schema::quote_ident(text(node, "idxname")));
      guarded = "CREATE INDEX CONCURRENTLY IF NOT EXISTS";
    } else if (kind == "DropStmt" && !flag(node, "missing_ok")) {
      std::vector<std::string> objects;
      for (const json& object : child(node, "objects")) objects.push_back(show(qualified(names(object))));
      what = fmt::format("DROP INDEX CONCURRENTLY {}", fmt::join(objects, ", "));
      guarded = "DROP INDEX CONCURRENTLY IF EXISTS";
    } else if (kind == "AlterEnumStmt" && !flag(node, "skipIfNewValExists")) {
      what = fmt::format("ADD VALUE {} to enum {}", schema::quote_literal(text(node, "newVal")),
                         show(qualified(names(child(node, "typeName")))));
      guarded = "ALTER TYPE ... ADD VALUE IF NOT EXISTS";
    } else {
      return;
    }
    report(LintRule::not_idempotent_outside_transaction,
           fmt::format("{} commits on its own: if apply is killed after it and before it is recorded, the resumed "
                       "apply runs it again and fails",
                       what),
           fmt::format("write {}", guarded));
  }

  // ---- Indexes

  void create_index(const json& node) {
    QualifiedName table = table_of(child(node, "relation"));
    std::string name = text(node, "idxname");
    if (!name.empty()) new_indexes_[{table.schema, name}] = table;
    if (flag(node, "concurrent") || is_new(table)) return;
    std::string index = name.empty() ? "an index" : "index " + schema::quote_ident(name);
    std::string unique = flag(node, "unique") ? "UNIQUE " : "";
    report(LintRule::create_index_not_concurrently,
           fmt::format("{} on {} is built without CONCURRENTLY: writes to {} wait until it is built", index,
                       show(table), show(table)),
           fmt::format("CREATE {}INDEX CONCURRENTLY, outside any transaction block (if it fails, drop the "
                       "INVALID index it leaves and retry)",
                       unique));
    check_lock_timeout(fmt::format("CREATE {}INDEX on {}", unique, show(table)), show(table), Blocks::writes);
  }

  void drop(const json& node) {
    std::string type = text(node, "removeType");
    for (const json& object : child(node, "objects")) {
      std::vector<std::string> parts = names(object);
      if (type == "OBJECT_INDEX") drop_index(qualified(parts), flag(node, "concurrent"));
      if (type == "OBJECT_TABLE") drop_table(qualified(parts));
      if (type == "OBJECT_TRIGGER" && parts.size() >= 2) {
        std::string trigger = parts.back();
        parts.pop_back();
        QualifiedName table = qualified(parts);
        check_lock_timeout(fmt::format("DROP TRIGGER {} ON {}", schema::quote_ident(trigger), show(table)),
                           existing({table}), Blocks::reads_and_writes);
      }
    }
  }

  void drop_index(const QualifiedName& index, bool concurrent) {
    auto created_here = new_indexes_.find(index);
    if (concurrent || (created_here != new_indexes_.end() && is_new(created_here->second))) return;
    std::string table = created_here == new_indexes_.end() ? "its table" : show(created_here->second);
    report(LintRule::drop_index_not_concurrently,
           fmt::format("index {} is dropped without CONCURRENTLY: reads and writes on {} wait for it under an "
                       "ACCESS EXCLUSIVE lock",
                       show(index), table),
           fmt::format("DROP INDEX CONCURRENTLY {}, outside any transaction block", show(index)));
    check_lock_timeout(fmt::format("DROP INDEX {}", show(index)), table, Blocks::reads_and_writes);
  }

  // ---- Tables

  void drop_table(const QualifiedName& table) {
    report(LintRule::drop_table,
           fmt::format("table {} is dropped with every row in it: code still using {} fails", show(table), show(table)),
           "drop it only once no deployed code uses it, in a migration after the deploy; mark that drop "
           "-- schemactl:ignore drop-table <why>");
    check_lock_timeout(fmt::format("DROP TABLE {}", show(table)), existing({table}), Blocks::reads_and_writes);
  }

  void create_trigger(const json& node) {
    QualifiedName table = table_of(child(node, "relation"));
    check_lock_timeout(fmt::format("CREATE TRIGGER {} ON {}", schema::quote_ident(text(node, "trigname")), show(table)),
                       existing({table}), Blocks::writes);
  }

  void truncate(const json& node) {
    std::vector<QualifiedName> tables;
    for (const json& relation : child(node, "relations")) tables.push_back(table_of(child(relation, "RangeVar")));
    check_lock_timeout("TRUNCATE", existing(tables), Blocks::reads_and_writes);
  }

  // LOCK TABLE, in modes numbered as PostgreSQL's lockdefs.h: 4 is SHARE UPDATE
  // EXCLUSIVE, 7 EXCLUSIVE, 8 ACCESS EXCLUSIVE. NOWAIT never waits.
  void lock(const json& node) {
    int mode = child(node, "mode").is_number() ? node["mode"].get<int>() : 0;
    if (mode <= 4 || flag(node, "nowait")) return;
    std::vector<QualifiedName> tables;
    for (const json& relation : child(node, "relations")) tables.push_back(table_of(child(relation, "RangeVar")));
    check_lock_timeout("LOCK TABLE", existing(tables), mode == 8 ? Blocks::reads_and_writes : Blocks::writes);
  }

  void rename(const json& node) {
    std::string type = text(node, "renameType");
    QualifiedName table = table_of(child(node, "relation"));
    std::string new_name = text(node, "newname");
    if (type == "OBJECT_TABLE") {
      report(LintRule::rename,
             fmt::format("table {} is renamed to {}: code still using {} fails", show(table),
                         schema::quote_ident(new_name), show(table)),
             "keep the old name working while code moves over: rename, then CREATE VIEW with the old name "
             "selecting from it, and drop the view once no code uses it");
      if (is_new(table)) created({table.schema, new_name});
    } else if (type == "OBJECT_COLUMN" && text(node, "relationType") == "OBJECT_TABLE") {
      report(LintRule::rename,
             fmt::format("column {} is renamed to {}: code still using {} fails",
                         show_column(table, text(node, "subname")), schema::quote_ident(new_name),
                         schema::quote_ident(text(node, "subname"))),
             "add the new column, keep both in step (trigger or application) and backfill, move code over, "
             "then drop the old one");
    } else if (type != "OBJECT_TABCONSTRAINT") {
      return;
    }
    check_lock_timeout(fmt::format("ALTER TABLE {} RENAME", show(table)), existing({table}), Blocks::reads_and_writes);
  }

  void alter_table(const json& node) {
    QualifiedName table = table_of(child(node, "relation"));
    Blocks blocks = Blocks::nothing;
    for (const json& command : child(node, "cmds")) {
      const json& cmd = child(command, "AlterTableCmd");
      blocks = std::max(blocks, blocked_by(cmd));
      alter_table_command(table, cmd);
    }
    check_lock_timeout(fmt::format("ALTER TABLE {}", show(table)), existing({table}), blocks);
  }

  void alter_table_command(const QualifiedName& table, const json& cmd) {
    std::string subtype = text(cmd, "subtype");
    std::string name = text(cmd, "name");
    const json& def = child(cmd, "def");
    if (subtype == "AT_AddColumn")
      add_column(table, child(def, "ColumnDef"));
    else if (subtype == "AT_AddConstraint")
      add_constraint(table, child(def, "Constraint"));
    else if (subtype == "AT_ValidateConstraint")
      validate_constraint(table, name);
    else if (subtype == "AT_SetNotNull")
      set_not_null(table, name);
    else if (subtype == "AT_AlterColumnType")
      change_type(table, name, child(child(def, "ColumnDef"), "typeName"));
    else if (subtype == "AT_DropColumn")
      drop_column(table, name);
    else if (subtype == "AT_DropConstraint")
      drop_constraint(table, name);
  }

  // ---- Columns

  void add_column(const QualifiedName& table, const json& column) {
    if (is_new(table)) return;
    std::string shown = show_column(table, text(column, "colname"));
    bool not_null = flag(column, "is_not_null");
    const json* default_expr = nullptr;
    std::string computed, fix;  // rule 7: how every existing row gets a value of its own
    const std::string fill = "fill existing rows in batches of short transactions";
    if (lint_tree::is_serial(child(column, "typeName"))) {
      computed = fmt::format("is added as {} (a nextval() default)", lint_tree::type_text(column["typeName"]));
      fix = "add a plain integer column, then SET DEFAULT nextval(...) for new rows, then " + fill;
    }
    for (const json& item : child(column, "constraints")) {
      const json& constraint = child(item, "Constraint");
      std::string type = text(constraint, "contype");
      if (type == "CONSTR_NOTNULL" || type == "CONSTR_PRIMARY") not_null = true;
      if (type == "CONSTR_DEFAULT") default_expr = &child(constraint, "raw_expr");
      if (type == "CONSTR_IDENTITY") {
        computed = "is added as an identity column";
        fix = "add a plain column with a sequence default for new rows, " + fill +
              ", then ALTER COLUMN ... ADD GENERATED ... AS IDENTITY";
      }
      if (type == "CONSTR_GENERATED") {
        computed = "is added as a stored generated column";
        fix = "add a plain column kept up to date by a trigger, then " + fill;
      }
      if (type == "CONSTR_CHECK" || type == "CONSTR_FOREIGN") {
        report(LintRule::constraint_without_not_valid,
               fmt::format("the {} on new column {} is checked against every existing row while ALTER TABLE holds "
                           "its lock on {}",
                           type == "CONSTR_CHECK" ? "CHECK" : "REFERENCES", shown, show(table)),
               "add the column without it, then ADD CONSTRAINT ... NOT VALID, and VALIDATE CONSTRAINT in a "
               "separate transaction");
      }
      if (type == "CONSTR_UNIQUE" || type == "CONSTR_PRIMARY") {
        report(LintRule::unique_without_using_index,
               fmt::format("the {} on new column {} builds its index under an ACCESS EXCLUSIVE lock: reads and "
                           "writes on {} wait until it is built",
                           type == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY", shown, show(table)),
               "add the column without it, CREATE UNIQUE INDEX CONCURRENTLY on it, then ADD CONSTRAINT ... "
               "USING INDEX");
      }
    }
    if (computed.empty() && default_expr)
      if (std::string function = lint_tree::volatile_call(*default_expr); !function.empty()) {
        computed = fmt::format("is added with the volatile default {}()", function);
        fix = "add the column with no default, then ALTER COLUMN ... SET DEFAULT for new rows, then " + fill;
      }
    if (!computed.empty()) {
      report(LintRule::volatile_default,
             fmt::format("column {} {}: every existing row gets a value of its own, so {} is rewritten under an "
                         "ACCESS EXCLUSIVE lock",
                         shown, computed, show(table)),
             fix);
    } else if (not_null && !default_expr) {
      report(LintRule::not_null_column_without_default,
             fmt::format("column {} is added NOT NULL without a DEFAULT: this fails if {} has any rows", shown,
                         show(table)),
             "add it with a constant DEFAULT, or nullable, then backfill and SET NOT NULL through a validated "
             "CHECK (col IS NOT NULL)");
    }
  }

  void set_not_null(const QualifiedName& table, const std::string& column) {
    bool proven = std::any_of(constraints_.begin(), constraints_.end(), [&](const AddedConstraint& c) {
      return c.table == table && c.validated &&
             std::find(c.not_null_columns.begin(), c.not_null_columns.end(), column) != c.not_null_columns.end();
    });
    if (proven || is_new(table)) return;
    std::string check = schema::quote_ident(fmt::format("{}_{}_not_null", table.name, column));
    report(LintRule::set_not_null_without_check,
           fmt::format("SET NOT NULL on {} scans all of {} under an ACCESS EXCLUSIVE lock: no validated CHECK ({} "
                       "IS NOT NULL) comes before it",
                       show_column(table, column), show(table), schema::quote_ident(column)),
           fmt::format("first ALTER TABLE {0} ADD CONSTRAINT {1} CHECK ({2} IS NOT NULL) NOT VALID, then ALTER "
                       "TABLE {0} VALIDATE CONSTRAINT {1}; SET NOT NULL then skips the scan, and the check can "
                       "be dropped after it",
                       show(table), check, schema::quote_ident(column)));
  }

  void change_type(const QualifiedName& table, const std::string& column, const json& type_name) {
    if (is_new(table)) return;
    report(LintRule::column_type_change,
           fmt::format("the type of {} changes to {}: unless the change is binary-coercible (such as varchar(n) "
                       "to a wider varchar or to text), {} and its indexes are rewritten under an ACCESS "
                       "EXCLUSIVE lock",
                       show_column(table, column), lint_tree::type_text(type_name), show(table)),
           "if it is binary-coercible, say so: -- schemactl:ignore SC108 <why>; otherwise add a column of the new "
           "type, fill it in batches, move code over and drop the old one");
  }

  void drop_column(const QualifiedName& table, const std::string& column) {
    report(LintRule::drop_column,
           fmt::format("column {} is dropped with its data: code still reading or writing it fails",
                       show_column(table, column)),
           "drop it only once no deployed code uses it, in a migration after the deploy; mark that drop "
           "-- schemactl:ignore drop-column <why>");
  }

  // ---- Constraints

  AddedConstraint* added(const QualifiedName& table, const std::string& name) {
    auto found = std::find_if(constraints_.rbegin(), constraints_.rend(), [&](const AddedConstraint& c) {
      return c.table == table && !name.empty() && c.name == name;
    });
    return found == constraints_.rend() ? nullptr : &*found;
  }

  void add_constraint(const QualifiedName& table, const json& constraint) {
    std::string type = text(constraint, "contype");
    std::string name = text(constraint, "conname");
    if (auto drop = dropped_.find({table, name}); drop != dropped_.end()) {
      withdrawn_.insert(drop->second);
      dropped_.erase(drop);
    }
    std::string shown = name.empty() ? "" : schema::quote_ident(name) + " ";
    if (type == "CONSTR_CHECK" || type == "CONSTR_FOREIGN") {
      bool not_valid = flag(constraint, "skip_validation");
      constraints_.push_back({table, name, not_valid, !not_valid, session_.transaction(),
                              lint_tree::not_null_columns(child(constraint, "raw_expr"))});
      if (not_valid || is_new(table)) return;
      std::string what = type == "CONSTR_CHECK" ? "CHECK" : "FOREIGN KEY";
      report(LintRule::constraint_without_not_valid,
             fmt::format("{} {}on {} is checked against every existing row while ALTER TABLE holds its lock on {}",
                         what, shown, show(table), show(table)),
             fmt::format("ALTER TABLE {0} ADD CONSTRAINT {1} {2} ... NOT VALID, then ALTER TABLE {0} VALIDATE "
                         "CONSTRAINT {1} in a separate transaction",
                         show(table), name.empty() ? "name" : schema::quote_ident(name), what));
    } else if ((type == "CONSTR_UNIQUE" || type == "CONSTR_PRIMARY") && !constraint.contains("indexname") &&
               !is_new(table)) {
      std::string what = type == "CONSTR_UNIQUE" ? "UNIQUE" : "PRIMARY KEY";
      std::string index = name.empty() ? "name" : schema::quote_ident(name);
      report(LintRule::unique_without_using_index,
             fmt::format("{} {}on {} builds its index under an ACCESS EXCLUSIVE lock: reads and writes on {} wait "
                         "until it is built",
                         what, shown, show(table), show(table)),
             fmt::format("CREATE UNIQUE INDEX CONCURRENTLY {0} ON {1} (...), then ALTER TABLE {1} ADD CONSTRAINT "
                         "{0} {2} USING INDEX {0}",
                         index, show(table), what));
    }
  }

  void validate_constraint(const QualifiedName& table, const std::string& name) {
    AddedConstraint* constraint = added(table, name);
    if (!constraint) return;
    constraint->validated = true;
    if (!constraint->added_not_valid || constraint->transaction != session_.transaction() || is_new(table)) return;
    report(LintRule::constraint_without_not_valid,
           fmt::format("constraint {} on {} is validated in the transaction that added it NOT VALID: the scan runs "
                       "while the lock of the ADD is still held",
                       schema::quote_ident(name), show(table)),
           fmt::format("COMMIT after the NOT VALID add, and run ALTER TABLE {} VALIDATE CONSTRAINT {} in a "
                       "transaction of its own",
                       show(table), schema::quote_ident(name)));
  }

  // A constraint added NOT VALID earlier in the file and dropped later is a stepping
  // stone, as schemactl's own CHECK (c IS NOT NULL) on the way to SET NOT NULL. One
  // added again later is replaced, not removed, as schemactl changes a definition.
  void drop_constraint(const QualifiedName& table, const std::string& name) {
    AddedConstraint* constraint = added(table, name);
    bool stepping_stone = constraint && constraint->added_not_valid;
    std::erase_if(constraints_, [&](const AddedConstraint& c) { return c.table == table && c.name == name; });
    if (stepping_stone) return;
    std::size_t at = findings_.size();
    report(LintRule::drop_constraint,
           fmt::format("constraint {} on {} is dropped: {} accepts rows it refused (and a UNIQUE or PRIMARY KEY "
                       "takes its index with it)",
                       schema::quote_ident(name), show(table), show(table)),
           "drop it only once no code relies on it; mark that drop -- schemactl:ignore drop-constraint <why>");
    if (findings_.size() > at) dropped_[{table, name}] = at;
  }

  // ---- Types

  void alter_enum(const json& node) {
    if (node.contains("oldVal") || node.contains("newValNeighbor") || !node.contains("newVal")) return;
    QualifiedName type = qualified(names(child(node, "typeName")));
    std::string value = schema::quote_literal(text(node, "newVal"));
    report(LintRule::enum_value_without_position,
           fmt::format("value {} is appended to enum {}: it sorts after every existing value (ORDER BY, <, >)", value,
                       show(type)),
           fmt::format("say where it goes: ALTER TYPE {} ADD VALUE {} BEFORE|AFTER 'existing'; if last is right, "
                       "mark it -- schemactl:ignore SC115 <why>",
                       show(type), value));
  }

  const Silenced& silenced_;
  const schema::Statement* statement_ = nullptr;
  std::size_t index_ = 0;
  LintSession session_;
  std::set<QualifiedName> new_tables_;
  std::map<QualifiedName, QualifiedName> new_indexes_;                    // created in the file -> its table
  std::vector<AddedConstraint> constraints_;                              // CHECK and FOREIGN KEY added in the file
  std::map<std::pair<QualifiedName, std::string>, std::size_t> dropped_;  // constraint -> its finding
  std::vector<LintFinding> findings_;
  std::set<std::size_t> withdrawn_;  // findings of constraints added again later
};

}  // namespace

std::vector<LintFinding> lint_sql(const std::string& file, std::string_view text) {
  std::vector<schema::ParsedStatement> statements = schema::parse_statements(file, text);
  std::vector<std::size_t> offsets;
  for (const schema::ParsedStatement& parsed : statements) offsets.push_back(parsed.statement.offset);
  const Silenced silenced = read_annotations(file, text, offsets);
  Linter linter(silenced);
  for (std::size_t i = 0; i < statements.size(); ++i)
    linter.lint(statements[i].statement, i, json::parse(statements[i].tree));
  return std::move(linter).findings();
}

}  // namespace schemactl::planner
