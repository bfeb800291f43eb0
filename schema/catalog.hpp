// The catalog model: plain value types describing a database schema.
//
// Both sides of a diff are read back from a real server (engine::introspect), so
// every expression and definition here is in PostgreSQL's own canonical form
// (pg_get_expr, pg_get_constraintdef, pg_get_indexdef, format_type). Comparing
// those strings is therefore meaningful; comparing hand-written DDL would not be.
//
// Vectors are kept sorted by name (columns by position) so that equal schemas are
// equal values and every rendering of them is deterministic.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schema/catalog_attributes.hpp"
#include "schema/catalog_partitions.hpp"
#include "schema/catalog_types.hpp"
#include "schema/qualified_name.hpp"

namespace schemactl::schema {

// Options of a sequence, or of an identity column's implicit sequence.
struct SequenceOptions {
  std::string data_type = "bigint";
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t min_value = 1;
  std::int64_t max_value = 9223372036854775807;
  std::int64_t cache = 1;
  bool cycle = false;
  bool operator==(const SequenceOptions&) const = default;
};

struct Column {
  std::string name;
  std::string type;            // format_type(): "character varying(40)", "integer[]"
  std::string collation;       // qualified, empty when it is the type's default
  bool not_null = false;
  std::string default_expr;    // pg_get_expr(); empty when none
  bool default_is_volatile = false;  // calls a volatile function (nextval, random, ...)
  char identity = 0;           // 'a' ALWAYS, 'd' BY DEFAULT, 0 none
  SequenceOptions identity_options;  // of the identity's sequence; default when identity == 0
  std::string generated;       // expression of GENERATED ALWAYS AS (...) STORED
  bool operator==(const Column&) const = default;
};

enum class ConstraintKind { primary_key, unique, check, foreign_key, exclusion };

struct Constraint {
  std::string name;
  ConstraintKind kind = ConstraintKind::check;
  std::string definition;        // pg_get_constraintdef(): "FOREIGN KEY (a) REFERENCES t(id)"
  std::string index_definition;  // PK/UNIQUE/EXCLUDE: pg_get_indexdef() of the backing index
  std::vector<std::string> columns;  // the constrained columns, in key order (conkey)
  QualifiedName referenced_table;  // FOREIGN KEY only
  std::vector<std::string> referenced_columns;  // FOREIGN KEY only, matching `columns`
  bool deferrable = false;
  bool initially_deferred = false;
  bool validated = true;         // false for a NOT VALID constraint
  bool operator==(const Constraint&) const = default;
};

struct Index {
  std::string name;
  std::string definition;  // pg_get_indexdef(): "CREATE INDEX i ON public.t USING btree (a)"
  bool unique = false;
  bool valid = true;       // false for a leftover of a failed CREATE INDEX CONCURRENTLY
  std::vector<std::string> key_expressions;  // each key column or expression, as SQL
  std::string predicate;   // of a partial index; empty otherwise
  std::vector<std::string> options;  // storage parameters (reloptions): "fillfactor=70", also in the definition
  // A partitioned table's index: its partitions' indexes, by partition. Their names
  // are PostgreSQL's unless the schema gives them its own; a difference is a
  // rename (engine::PartitionIndexRenamed).
  std::vector<AttachedIndex> attached;
  bool operator==(const Index&) const = default;
};

// A table's row-level security switches.
struct RowSecurity {
  bool enabled = false;  // ENABLE ROW LEVEL SECURITY
  bool forced = false;   // FORCE ROW LEVEL SECURITY: the table's owner is subject to it too
  bool operator==(const RowSecurity&) const = default;
};

struct Table {
  QualifiedName name;
  std::vector<Column> columns;          // by position
  std::vector<Constraint> constraints;  // by name
  std::vector<Index> indexes;           // by name; indexes backing constraints are not here
  RowSecurity row_security;
  TableSettings settings;
  // Partitioning: a partition's columns, and the constraints and indexes it gets from
  // its parent, are the parent's and not listed here.
  std::string partition_key;                // pg_get_partkeydef(): "RANGE (at)"; empty unless partitioned
  std::optional<PartitionOf> partition_of;  // set for a partition
  bool operator==(const Table&) const = default;
};

struct SequenceOwner {
  QualifiedName table;
  std::string column;
  bool operator==(const SequenceOwner&) const = default;
};

struct Sequence {
  QualifiedName name;
  SequenceOptions options;
  std::optional<SequenceOwner> owned_by;
  bool operator==(const Sequence&) const = default;
};

// A function or procedure. Its identity is its name and argument types, so
// overloads are distinct objects.
struct Function {
  QualifiedName name;
  std::string identity_arguments;  // pg_get_function_identity_arguments(): "a integer, b text"
  bool procedure = false;
  std::string arguments;   // pg_get_function_arguments(): names and defaults too
  std::string result;      // pg_get_function_result(); empty for a procedure
  std::string definition;  // pg_get_functiondef(): a complete CREATE OR REPLACE statement
  bool operator==(const Function&) const = default;
};

// A view, or a materialized view with its indexes.
struct View {
  QualifiedName name;
  bool materialized = false;
  std::vector<Column> columns;       // name, type and collation of each output column, by position
  std::vector<std::string> options;  // reloptions: "security_barrier=true", "check_option=local"
  std::string definition;            // pg_get_viewdef(): the query, ending with ';'
  bool populated = true;             // false for a materialized view created WITH NO DATA
  std::vector<Index> indexes;        // materialized views only; by name
  bool operator==(const View&) const = default;
};

// A trigger on a table or view, constraint triggers included.
struct Trigger {
  QualifiedName table;
  std::string name;
  std::string definition;  // pg_get_triggerdef(): a complete CREATE [CONSTRAINT] TRIGGER statement
  bool operator==(const Trigger&) const = default;
};

// `dependent` cannot exist without `referenced` (pg_depend), both as object keys
// (schema/object_key.hpp): a view on a column, a default calling a function.
struct Dependency {
  std::string dependent;
  std::string referenced;
  auto operator<=>(const Dependency&) const = default;
};

// A row-level security policy of a table (pg_policy).
struct Policy {
  QualifiedName table;
  std::string name;
  bool permissive = true;           // false for AS RESTRICTIVE
  std::string command = "ALL";      // ALL, SELECT, INSERT, UPDATE or DELETE
  std::vector<std::string> roles;   // role names, sorted; "PUBLIC" for everyone
  std::string using_expr;           // pg_get_expr(polqual); empty when none
  std::string check_expr;           // pg_get_expr(polwithcheck); empty when none
  bool operator==(const Policy&) const = default;
};

// A privilege granted on a table, view, materialized view or sequence, or on one of
// a table's or view's columns (relacl / attacl). The owner's own are left out.
// Read only when the configuration manages privileges.
struct Privilege {
  QualifiedName object;
  std::string object_type = "TABLE";  // the GRANT ... ON keyword: TABLE or SEQUENCE
  std::string column;                 // empty for a privilege on the whole object
  std::string grantee;                // role name; "PUBLIC" for everyone
  std::string privilege;              // SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER, USAGE
  bool grantable = false;             // WITH GRANT OPTION
  bool operator==(const Privilege&) const = default;
};

// An object found in the database that schemactl does not manage yet. It is
// listed, never silently ignored.
struct UnmanagedObject {
  std::string kind;  // "partitioned table", "domain", ...
  std::string name;  // qualified, quoted as in SQL
  bool operator==(const UnmanagedObject&) const = default;
};

struct Catalog {
  std::vector<std::string> schemas;  // sorted; "public" included when present
  std::vector<Table> tables;         // sorted by name
  std::vector<Sequence> sequences;   // sorted by name; identity sequences are not here
  std::vector<Extension> extensions;  // sorted by name
  std::vector<EnumType> enums;        // sorted by name
  std::vector<Domain> domains;        // sorted by name
  std::vector<CompositeType> composite_types;  // sorted by name
  std::vector<Function> functions;   // sorted by name, then identity arguments
  std::vector<View> views;           // sorted by name, materialized ones too
  std::vector<Trigger> triggers;     // sorted by table, then name
  std::vector<Policy> policies;      // sorted by table, then name
  std::vector<Privilege> privileges;  // sorted by object, column, grantee, privilege
  std::vector<Dependency> dependencies;  // sorted, between the objects above and tables' parts
  std::vector<ObjectComment> comments;   // on the objects above, sorted by target
  std::vector<UnmanagedObject> unmanaged;
  bool operator==(const Catalog&) const = default;
};

const Table* find_table(const Catalog& catalog, const QualifiedName& name);
const Column* find_column(const Table& table, std::string_view name);
const View* find_view(const Catalog& catalog, const QualifiedName& name);

}  // namespace schemactl::schema
