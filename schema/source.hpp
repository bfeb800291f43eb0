// Schema files: the desired state, as plain SQL spread over any number of files in
// any order. Loading parses them offline with libpg_query, reports syntax errors
// with file:line:col, refuses statements that do not declare schema, and orders the
// statements by what they create and reference.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
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
  std::string location() const;         // "file:line:col"
};

// Directories (searched recursively for *.sql), files, and glob patterns, expanded
// to a sorted list of files; a pattern or path that matches nothing is an error.
std::vector<std::filesystem::path> expand_schema_paths(const std::vector<std::string>& patterns);

// Parses and checks one file's text; throws SchemaError.
std::vector<Statement> parse_schema_file(const std::string& file, std::string_view text);

// Creators before users; otherwise the given order (files sorted, then position).
// A cycle is a SchemaError naming the statements in it.
std::vector<Statement> order_by_dependency(std::vector<Statement> statements);

// Reads every file, parses, checks and orders.
std::vector<Statement> load_schema(const std::vector<std::filesystem::path>& files);

}  // namespace schemactl::schema
