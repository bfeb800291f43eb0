// Schema files: the desired state, as plain SQL spread over any number of files in
// any order. Loading parses them offline with libpg_query, reports syntax errors
// with file:line:col, refuses statements that do not declare schema, and orders the
// statements by what they create and reference.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace schemactl::schema {

// what() is "file:line:col: message" followed by the offending line and a caret.
// Columns count characters, not bytes, so the caret lines up under unicode text.
struct SchemaError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Statement {
  std::string sql;   // the statement's text, without the trailing semicolon
  std::string file;  // as given
  int line = 0;      // 1-based, of the statement's first token
  int column = 0;    // 1-based
  std::string kind;  // libpg_query node name: "CreateStmt", "IndexStmt", ...
  // Canonical names, sorted: "schema:NAME", "rel:SCHEMA.NAME" (tables, views,
  // sequences, indexes and types, which share PostgreSQL's naming), "func:SCHEMA.NAME".
  // Unqualified names are in "public"; a qualified name also references its schema.
  std::vector<std::string> creates;     // what it defines, e.g. "rel:public.users"
  std::vector<std::string> references;  // what it uses, minus what it creates
  std::vector<std::string> roles;       // roles it grants to or applies a policy to, sorted
  // The objects whose definition it is part of, named as `creates`: what it creates,
  // the relation it alters, indexes, triggers or comments on (a partition: its
  // partitioned table), or "ext:NAME" for an extension. Empty when it acts on no
  // single object (ALTER DEFAULT PRIVILEGES, GRANT ON ALL TABLES IN SCHEMA, CREATE CAST).
  std::vector<std::string> owners;
  std::size_t offset = 0;               // byte offset of its first token in the text
  // false for what PostgreSQL refuses inside a transaction block: CREATE/DROP INDEX
  // CONCURRENTLY, REINDEX CONCURRENTLY (or of a whole schema or database), ALTER TYPE
  // ... ADD VALUE (whose value is unusable until committed), VACUUM, and database,
  // tablespace and ALTER SYSTEM commands.
  bool transactional = true;
  std::string location() const;         // "file:line:col"
};

// Directories (searched recursively for *.sql), files, and glob patterns, expanded
// to a sorted list of files; a pattern or path that matches nothing is an error.
std::vector<std::filesystem::path> expand_schema_paths(const std::vector<std::string>& patterns);

// What parsing found in each statement's text (all of Statement but its place), so
// that text seen before is not parsed again: the parse trees of a 40,000-statement
// schema cost most of a second. Kept in a file between runs.
class StatementCache {
 public:
  StatementCache() = default;
  explicit StatementCache(const std::vector<Statement>& statements);
  // Empty when the file is missing or damaged.
  static StatementCache load(const std::filesystem::path& file);
  void save(const std::filesystem::path& file) const;  // best effort: a cache that is not written costs time only
  const Statement* find(std::string_view sql) const;

 private:
  std::unordered_map<std::string, Statement> by_text_;
};

// Parses and checks one file's text; throws SchemaError. With `known`, the file is
// only split, and statements whose text it holds are not parsed.
std::vector<Statement> parse_schema_file(const std::string& file, std::string_view text,
                                         const StatementCache* known = nullptr);

// Splits any SQL (data changes and transaction control included, as in a hand-written
// migration) into its statements, with positions, kind and `transactional`; creates
// and references are left empty (roles are filled in). Throws SchemaError on a syntax error.
std::vector<Statement> split_statements(const std::string& file, std::string_view text);

// A statement with libpg_query's parse tree of it, for tools that look into what any
// SQL does (lint).
struct ParsedStatement {
  Statement statement;  // as split_statements gives it
  std::string tree;     // JSON of the statement's node, e.g. IndexStmt's fields
};

// As split_statements, with each statement's parse tree.
std::vector<ParsedStatement> parse_statements(const std::string& file, std::string_view text);

// A comment as written ("-- ..." or "/* ... */") and the byte offset where it starts.
struct Comment {
  std::string text;
  std::size_t offset = 0;
};

// The comments in SQL text, in order, as PostgreSQL's scanner finds them ("--" in a
// string literal is none). Throws SchemaError when the text cannot be scanned.
std::vector<Comment> comments_in(const std::string& file, std::string_view text);

// Throws SchemaError "file:line:col: message", then the line and a caret under the
// character at byte `offset` of `text`.
[[noreturn]] void fail_at(const std::string& file, std::string_view text, std::size_t offset,
                          std::string_view message);

// The file's bytes; throws SchemaError naming the file when it cannot be read.
std::string read_file(const std::filesystem::path& file);

// Creators before users, and CREATE EXTENSION before every statement but CREATE
// SCHEMA; otherwise the given order (files sorted, then position).
// A cycle is a SchemaError naming the statements in it.
std::vector<Statement> order_by_dependency(std::vector<Statement> statements);

// Reads every file, parses, checks and orders.
std::vector<Statement> load_schema(const std::vector<std::filesystem::path>& files,
                                   const StatementCache* known = nullptr);

}  // namespace schemactl::schema
