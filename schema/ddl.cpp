#include "schema/ddl.hpp"

#include <vector>

#include <fmt/core.h>

#include "schema/comments.hpp"
#include "schema/ddl_partitions.hpp"
#include "schema/ddl_policies.hpp"
#include "schema/ddl_privileges.hpp"
#include "schema/ddl_routines.hpp"
#include "schema/ddl_table_settings.hpp"
#include "schema/ddl_types.hpp"
#include "schema/names.hpp"
#include "schema/object_key.hpp"

namespace schemactl::schema {

std::string column_definition(const Column& column) {
  std::string sql = quote_ident(column.name) + " " + column.type;
  if (!column.collation.empty()) sql += " COLLATE " + column.collation;
  if (column.identity != 0) {
    sql += fmt::format(" GENERATED {} AS IDENTITY ({})", column.identity == 'a' ? "ALWAYS" : "BY DEFAULT",
                       identity_options_sql(column.identity_options));
  }
  if (!column.generated.empty()) sql += " GENERATED ALWAYS AS (" + column.generated + ") STORED";
  if (!column.default_expr.empty()) sql += " DEFAULT " + column.default_expr;
  if (column.not_null) sql += " NOT NULL";
  return sql;
}

bool created_with_table(const Constraint& constraint) {
  return constraint.kind != ConstraintKind::foreign_key && constraint.validated;
}

std::string create_table_sql(const Table& table) {
  std::vector<std::string> lines;
  for (const auto& column : table.columns) lines.push_back(column_definition(column));
  for (const auto& constraint : table.constraints)
    if (created_with_table(constraint))
      lines.push_back("CONSTRAINT " + quote_ident(constraint.name) + " " + constraint.definition);
  std::string sql = std::string(table.settings.unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ") +
                    quote_name(table.name);
  // A partition's columns come from its parent; it may add constraints of its own.
  if (table.partition_of) sql += " PARTITION OF " + quote_name(table.partition_of->parent);
  if (!table.partition_of || !lines.empty()) {
    sql += " (\n";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      sql += "    ";
      sql += lines[i];
      sql += i + 1 < lines.size() ? ",\n" : "\n";
    }
    sql += ")";
  }
  if (table.partition_of) sql += " " + table.partition_of->bound;
  sql += partition_by_clause(table);
  if (!table.settings.options.empty()) sql += " WITH (" + storage_parameters_sql(table.settings.options) + ")";
  return sql;
}

std::string add_constraint_sql(const QualifiedName& table, const Constraint& constraint) {
  return "ALTER TABLE " + quote_name(table) + " ADD CONSTRAINT " + quote_ident(constraint.name) + " " +
         constraint.definition;
}

std::string create_schema_sql(std::string_view schema) { return "CREATE SCHEMA " + quote_ident(schema); }

std::string identity_options_sql(const SequenceOptions& o, std::string_view p) {
  return fmt::format("{0}INCREMENT BY {1} {0}MINVALUE {2} {0}MAXVALUE {3} {0}START WITH {4} {0}CACHE {5} {0}{6}", p,
                     o.increment, o.min_value, o.max_value, o.start, o.cache, o.cycle ? "CYCLE" : "NO CYCLE");
}

std::string sequence_options_sql(const SequenceOptions& options) {
  return "AS " + options.data_type + " " + identity_options_sql(options);
}

std::string create_sequence_sql(const Sequence& sequence) {
  return "CREATE SEQUENCE " + quote_name(sequence.name) + " " + sequence_options_sql(sequence.options);
}

std::string sequence_owned_by_sql(const Sequence& sequence) {
  std::string owner = sequence.owned_by
                          ? quote_name(sequence.owned_by->table) + "." + quote_ident(sequence.owned_by->column)
                          : "NONE";
  return "ALTER SEQUENCE " + quote_name(sequence.name) + " OWNED BY " + owner;
}

std::vector<std::string> render_statements(const Catalog& catalog) {
  std::vector<std::string> statements;
  // public exists in every new database; creating it again would fail.
  for (const auto& schema : catalog.schemas)
    if (schema != "public") statements.push_back(create_schema_sql(schema));
  for (const auto& extension : catalog.extensions) statements.push_back(create_extension_sql(extension));
  // Functions before the domains whose checks call them, and before the tables whose
  // defaults and checks do; the others with the views, after the tables whose row
  // types they may take.
  auto called_by_domains = functions_domains_call(catalog);
  for (const auto& function : catalog.functions)
    if (called_by_domains.contains(function_key(function))) statements.push_back(create_function_sql(function));
  for (auto& statement : type_statements(catalog)) statements.push_back(std::move(statement));
  for (const auto& sequence : catalog.sequences) statements.push_back(create_sequence_sql(sequence));
  auto called_by_tables = functions_tables_call(catalog);
  for (const auto& function : catalog.functions)
    if (called_by_tables.contains(function_key(function)) && !called_by_domains.contains(function_key(function)))
      statements.push_back(create_function_sql(function));
  called_by_tables.insert(called_by_domains.begin(), called_by_domains.end());  // created already
  for (const auto* table : tables_parents_first(catalog)) statements.push_back(create_table_sql(*table));
  for (const auto& table : catalog.tables)
    for (const auto& constraint : table.constraints)
      if (!created_with_table(constraint)) statements.push_back(add_constraint_sql(table.name, constraint));
  for (const auto& table : catalog.tables)
    for (const auto& index : table.indexes) statements.push_back(index_with_partitions(index.definition));
  for (const auto& sequence : catalog.sequences)
    if (sequence.owned_by) statements.push_back(sequence_owned_by_sql(sequence));
  for (auto& statement : view_and_function_statements(catalog, called_by_tables))
    statements.push_back(std::move(statement));
  for (const auto& trigger : catalog.triggers) statements.push_back(trigger.definition);
  for (auto& statement : row_security_statements(catalog)) statements.push_back(std::move(statement));
  for (auto& statement : table_settings_statements(catalog)) statements.push_back(std::move(statement));
  for (auto& statement : privilege_statements(catalog)) statements.push_back(std::move(statement));
  for (const auto& comment : catalog.comments) statements.push_back(comment_sql(comment.target, comment.text));

  return statements;
}

std::string render_sql(const Catalog& catalog) {
  auto statements = render_statements(catalog);
  std::size_t size = 0;
  for (const auto& statement : statements) size += statement.size() + 3;
  std::string script;
  script.reserve(size);  // 8 MB on 10,000 tables, appended to in place
  for (const auto& statement : statements) {
    if (!script.empty()) script += '\n';
    script += statement;
    script += ";\n";
  }
  if (!catalog.unmanaged.empty()) {
    if (!script.empty()) script += "\n";
    for (const auto& object : catalog.unmanaged)
      script += "-- unmanaged " + object.kind + " " + object.name + "\n";
  }
  return script;
}

}  // namespace schemactl::schema
