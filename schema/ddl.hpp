// SQL text for the catalog: the statement pieces the planner reuses, and the
// canonical script of a whole catalog (what `schemactl inspect` prints and
// `schemactl diff` compares line by line). Identifiers are quoted by names.hpp;
// expressions and definitions are PostgreSQL's own text, used as is.
// Statements are returned without a trailing semicolon unless said otherwise.
#pragma once

#include <string>
#include <vector>
#include <string_view>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// name type [COLLATE c] [GENERATED ... AS IDENTITY] [GENERATED ALWAYS AS (e) STORED]
// [DEFAULT e] [NOT NULL]
std::string column_definition(const Column& column);

// Whether create_table_sql() declares the constraint inline. Foreign keys are added
// once every table exists, and a NOT VALID constraint must be added by ALTER TABLE
// (CREATE TABLE would silently mark it valid).
bool created_with_table(const Constraint& constraint);

// CREATE [UNLOGGED] TABLE with one column per line, then the constraints
// created_with_table() accepts as "CONSTRAINT name definition", then WITH (storage
// parameters). Indexes are separate statements.
std::string create_table_sql(const Table& table);

// ALTER TABLE t ADD CONSTRAINT name definition (NOT VALID included when the
// constraint is not validated: pg_get_constraintdef() says so).
std::string add_constraint_sql(const QualifiedName& table, const Constraint& constraint);

std::string create_schema_sql(std::string_view schema);

// "AS type INCREMENT BY .. MINVALUE .. MAXVALUE .. START WITH .. CACHE .. [NO] CYCLE":
// every option spelled out, so the result does not depend on server defaults.
// Valid after both CREATE SEQUENCE name and ALTER SEQUENCE name.
std::string sequence_options_sql(const SequenceOptions& options);

// An identity column's options: without AS (the column's type decides it), each
// clause preceded by `clause_prefix` ("SET " for ALTER COLUMN ... SET START WITH ...).
std::string identity_options_sql(const SequenceOptions& options, std::string_view clause_prefix = "");

// CREATE SEQUENCE name, then sequence_options_sql().
std::string create_sequence_sql(const Sequence& sequence);

// ALTER SEQUENCE s OWNED BY t.c, or OWNED BY NONE when it has no owner.
std::string sequence_owned_by_sql(const Sequence& sequence);

// A runnable, deterministic script: schemas (but public), extensions, the
// functions domains call, types (ddl_types.hpp), sequences, functions, tables, the constraints added after the
// tables, indexes, sequence ownership, views (in dependency order) with their
// indexes, triggers, row-level security and policies, replica identities, privileges
// (when managed), comments; each statement
// ends with ";\n" and statements are separated by a blank line. Unmanaged objects
// close it as comment lines ("-- unmanaged view public.v"), so that they count in
// the fingerprint.
std::string render_sql(const Catalog& catalog);

// The statements of render_sql, without their semicolons or the unmanaged list.
std::vector<std::string> render_statements(const Catalog& catalog);

}  // namespace schemactl::schema
