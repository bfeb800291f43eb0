#include <string>

#include <catch2/catch.hpp>

#include "schema/renames.hpp"
#include "schema/source.hpp"

using schemactl::schema::ColumnRename;
using schemactl::schema::QualifiedName;
using schemactl::schema::read_renames;
using schemactl::schema::Renames;
using schemactl::schema::reversed;
using schemactl::schema::SchemaError;
using schemactl::schema::TableRename;

namespace {

std::string error_of(const std::string& text) {
  try {
    read_renames("s.sql", text);
  } catch (const SchemaError& e) {
    std::string message = e.what();
    return message.substr(0, message.find('\n'));
  }
  return "no error";
}

}  // namespace

TEST_CASE("renamed-from before a CREATE TABLE renames the table", "[renames]") {
  auto renames = read_renames("s.sql",
                              "-- schemactl:renamed-from people\n"
                              "-- another comment\n"
                              "CREATE TABLE app.\"Users\" (id int);\n"
                              "CREATE TABLE t2 (id int); -- schemactl:renamed-from other.\"Old T2\"\n"
                              "CREATE TABLE t3 ( -- schemactl:renamed-from t4\n  id int);\n"
                              "CREATE TABLE t5 (\n  id int); -- schemactl:renamed-from t6\n");
  CHECK(renames.tables == std::vector<TableRename>{{{"app", "people"}, {"app", "Users"}},
                                                   {{"other", "Old T2"}, {"public", "t2"}},
                                                   {{"public", "t4"}, {"public", "t3"}},
                                                   {{"public", "t6"}, {"public", "t5"}}});
  CHECK(renames.columns.empty());
}

TEST_CASE("renamed-from in a column list renames the column", "[renames]") {
  auto renames = read_renames("s.sql",
                              "CREATE TABLE users (\n"
                              "  id int,\n"
                              "  -- schemactl:renamed-from mail\n"
                              "  email text,\n"
                              "  \"Full Name\" text, -- schemactl:renamed-from \"Name\"\n"
                              "  CONSTRAINT k PRIMARY KEY (id)\n"
                              ");\n");
  CHECK(renames.columns == std::vector<ColumnRename>{{{"public", "users"}, "mail", "email"},
                                                     {{"public", "users"}, "Name", "Full Name"}});
  CHECK(renames.tables.empty());
}

TEST_CASE("ordinary comments and other directives are not renames", "[renames]") {
  CHECK(read_renames("s.sql", "-- schemactl:renamed-fromage x\n-- renamed-from y\nCREATE TABLE t (a int);").empty());
}

TEST_CASE("malformed or unattached renamed-from is an error at its file:line:col", "[renames]") {
  CHECK(error_of("CREATE TABLE t (\n  -- schemactl:renamed-from\n  a int);") ==
        "s.sql:2:3: schemactl:renamed-from on a column takes the old column name");
  CHECK(error_of("CREATE TABLE t (\n  a int -- schemactl:renamed-from s.b\n);") ==
        "s.sql:2:9: schemactl:renamed-from on a column takes the old column name");
  CHECK(error_of("-- schemactl:renamed-from a.b.c\nCREATE TABLE t (a int);") ==
        "s.sql:1:1: schemactl:renamed-from on a table takes the old [schema.]name");
  CHECK(error_of("-- schemactl:renamed-from \"open\nCREATE TABLE t (a int);") ==
        "s.sql:1:1: schemactl:renamed-from on a table takes the old [schema.]name");
  CHECK(error_of("CREATE TABLE t (a int);\n\n-- schemactl:renamed-from x\n") ==
        "s.sql:3:1: schemactl:renamed-from annotates no table or column");
  CHECK(error_of("-- schemactl:renamed-from x\nSELECT 1;\nCREATE TABLE t (a int);") ==
        "s.sql:1:1: schemactl:renamed-from renames tables and columns only, not a SelectStmt");
}

TEST_CASE("reversed renames undo them, columns under the old table name", "[renames]") {
  Renames forward{{{{"public", "old"}, {"public", "new"}}}, {{{"public", "new"}, "a", "b"}}};
  Renames back = reversed(forward);
  CHECK(back.tables == std::vector<TableRename>{{{"public", "new"}, {"public", "old"}}});
  CHECK(back.columns == std::vector<ColumnRename>{{{"public", "old"}, "b", "a"}});
}
