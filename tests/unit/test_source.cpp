#include <stdlib.h>

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "schema/source.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using schemactl::schema::expand_schema_paths;
using schemactl::schema::load_schema;
using schemactl::schema::order_by_dependency;
using schemactl::schema::parse_schema_file;
using schemactl::schema::SchemaError;
using schemactl::schema::Statement;
using Names = std::vector<std::string>;

namespace {

std::string error_of(const std::string& file, const std::string& text) {
  try {
    parse_schema_file(file, text);
  } catch (const SchemaError& e) {
    return e.what();
  }
  return "no error";
}

Statement only_statement(const std::string& text) {
  std::vector<Statement> statements = parse_schema_file("s.sql", text);
  REQUIRE(statements.size() == 1);
  return statements.front();
}

// The statements of several files, in the order the loader sees them.
std::vector<Statement> statements_of(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<Statement> statements;
  for (const auto& [file, text] : files)
    for (Statement& statement : parse_schema_file(file, text)) statements.push_back(std::move(statement));
  return statements;
}

std::vector<std::string> order_of(const std::vector<Statement>& statements) {
  std::vector<std::string> order;
  for (const Statement& statement : order_by_dependency(statements)) order.push_back(statement.sql);
  return order;
}


}  // namespace

TEST_CASE("each statement keeps its text, kind and the position of its first token", "[source]") {
  std::vector<Statement> statements = parse_schema_file("schema/app.sql",
                                                        "-- users and their orders\n"
                                                        "CREATE TABLE users (id int);\n"
                                                        "\n"
                                                        "  /* orders */ CREATE TABLE orders (\n"
                                                        "    id int\n"
                                                        "  ) ;  -- trailing\n"
                                                        "CREATE INDEX orders_id ON orders (id) -- no semicolon\n");
  REQUIRE(statements.size() == 3);
  CHECK(statements[0].sql == "CREATE TABLE users (id int)");
  CHECK(statements[0].location() == "schema/app.sql:2:1");
  CHECK(statements[0].kind == "CreateStmt");
  CHECK(statements[1].sql == "CREATE TABLE orders (\n    id int\n  )");
  CHECK(statements[1].file == "schema/app.sql");
  CHECK(statements[1].line == 4);
  CHECK(statements[1].column == 16);
  CHECK(statements[2].sql == "CREATE INDEX orders_id ON orders (id)");
  CHECK(statements[2].location() == "schema/app.sql:7:1");
  CHECK(statements[2].kind == "IndexStmt");
}

TEST_CASE("columns count characters, not bytes", "[source]") {
  std::vector<Statement> statements = parse_schema_file("s.sql", "COMMENT ON SCHEMA public IS 'é'; CREATE SCHEMA s;");
  REQUIRE(statements.size() == 2);
  CHECK(statements[1].column == 34);
}

TEST_CASE("an empty file or a file of only comments declares nothing", "[source]") {
  CHECK(parse_schema_file("empty.sql", "").empty());
  CHECK(parse_schema_file("blank.sql", "\n  \n").empty());
  CHECK(parse_schema_file("comments.sql", "-- nothing yet\n/* still /* nothing */ */\n").empty());
}

TEST_CASE("a syntax error reports file:line:col and the offending line", "[source]") {
  CHECK(error_of("schema/app.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int,, x int);\n") ==
        "schema/app.sql:2:24: syntax error at or near \",\"\n"
        "    CREATE TABLE b (id int,, x int);\n"
        "                           ^");
}

TEST_CASE("a syntax error after multibyte characters puts the caret under the right character", "[source]") {
  CHECK(error_of("u.sql", "CREATE TABLE \"naïve\" (a int,, b int);") ==
        "u.sql:1:29: syntax error at or near \",\"\n"
        "    CREATE TABLE \"naïve\" (a int,, b int);\n"
        "                                ^");
}

TEST_CASE("a syntax error keeps the line's tabs so the caret lines up", "[source]") {
  CHECK(error_of("t.sql", "CREATE TABLE t (\n\tid int,,\n);") ==
        "t.sql:2:9: syntax error at or near \",\"\n"
        "    \tid int,,\n"
        "    \t       ^");
}

TEST_CASE("a syntax error at the end of the text points past its last character", "[source]") {
  CHECK(error_of("e.sql", "CREATE TABLE t (\n\n") ==
        "e.sql:1:17: syntax error at end of input\n"
        "    CREATE TABLE t (\n"
        "                    ^");
}

TEST_CASE("a statement that does not declare schema is refused with the advice to use a migration", "[source]") {
  CHECK(error_of("data.sql", "CREATE TABLE t (id int);\n  INSERT INTO t VALUES (1);\n") ==
        "data.sql:2:3: INSERT is not allowed in a schema file: schema files declare the desired schema; "
        "put data changes and one-off commands in a migration\n"
        "      INSERT INTO t VALUES (1);\n"
        "      ^");
}

TEST_CASE("refused statements are named in SQL words", "[source]") {
  auto [sql, words] = GENERATE(table<std::string, std::string>({
      {"UPDATE t SET a = 1", "UPDATE"},
      {"DELETE FROM t", "DELETE"},
      {"SELECT 1", "SELECT"},
      {"MERGE INTO t USING u ON t.a = u.a WHEN MATCHED THEN DELETE", "MERGE"},
      {"BEGIN", "transaction control (BEGIN)"},
      {"COMMIT", "transaction control (COMMIT)"},
      {"ROLLBACK", "transaction control (ROLLBACK)"},
      {"DROP TABLE t", "DROP"},
      {"TRUNCATE t", "TRUNCATE"},
      {"COPY t FROM STDIN", "COPY"},
      {"VACUUM t", "VACUUM"},
      {"ANALYZE t", "ANALYZE"},
      {"SET search_path = app", "SET"},
      {"RESET search_path", "RESET"},
      {"DO $$ BEGIN END $$", "DO"},
      {"CALL p()", "CALL"},
      {"CREATE TABLE t2 AS SELECT 1", "CREATE TABLE AS"},
      {"ALTER TYPE mood ADD VALUE 'meh'", "ALTER TYPE ... ADD VALUE"},
      {"ALTER TABLE t RENAME TO u", "ALTER ... RENAME"},
      {"REFRESH MATERIALIZED VIEW v", "REFRESH MATERIALIZED VIEW"},
      {"CREATE ROLE app", "CREATE ROLE"},
  }));
  CAPTURE(sql);
  CHECK_THAT(error_of("x.sql", sql), Catch::StartsWith("x.sql:1:1: " + words + " is not allowed in a schema file"));
}

TEST_CASE("every kind of declaration is allowed", "[source]") {
  std::vector<Statement> statements = parse_schema_file("all.sql", R"sql(
    CREATE SCHEMA app;
    CREATE TABLE app.t (id int PRIMARY KEY, name text);
    CREATE INDEX t_name ON app.t (name);
    CREATE SEQUENCE app.s;
    ALTER SEQUENCE app.s OWNED BY app.t.id;
    ALTER TABLE app.t ADD CHECK (id > 0);
    COMMENT ON TABLE app.t IS 'things';
    CREATE EXTENSION IF NOT EXISTS pgcrypto;
    CREATE TYPE app.mood AS ENUM ('ok');
    CREATE TYPE app.pair AS (a int, b int);
    CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
    CREATE TYPE app.span AS RANGE (subtype = int);
    CREATE VIEW app.v AS SELECT id FROM app.t;
    CREATE MATERIALIZED VIEW app.m AS SELECT id FROM app.t;
    CREATE FUNCTION app.f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
    CREATE TRIGGER t_f BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.f();
    CREATE POLICY mine ON app.t USING (true);
    GRANT SELECT ON app.t TO PUBLIC;
    ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;
    ALTER FUNCTION app.f() OWNER TO CURRENT_USER;
    CREATE AGGREGATE app.total(int) (sfunc = int4pl, stype = int);
    CREATE CAST (app.pair AS text) WITH INOUT;
    CREATE RULE quiet AS ON DELETE TO app.t DO INSTEAD NOTHING;
    CREATE STATISTICS app.st ON id, name FROM app.t;
    ALTER DOMAIN app.positive SET DEFAULT 1;
  )sql");
  std::vector<std::string> kinds;
  for (const Statement& statement : statements) kinds.push_back(statement.kind);
  CHECK(kinds == Names{"CreateSchemaStmt",
                       "CreateStmt",
                       "IndexStmt",
                       "CreateSeqStmt",
                       "AlterSeqStmt",
                       "AlterTableStmt",
                       "CommentStmt",
                       "CreateExtensionStmt",
                       "CreateEnumStmt",
                       "CompositeTypeStmt",
                       "CreateDomainStmt",
                       "CreateRangeStmt",
                       "ViewStmt",
                       "CreateTableAsStmt",
                       "CreateFunctionStmt",
                       "CreateTrigStmt",
                       "CreatePolicyStmt",
                       "GrantStmt",
                       "AlterDefaultPrivilegesStmt",
                       "AlterOwnerStmt",
                       "DefineStmt",
                       "CreateCastStmt",
                       "RuleStmt",
                       "CreateStatsStmt",
                       "AlterDomainStmt"});
}

TEST_CASE("a table creates its name and references the types, tables and sequences it uses", "[source]") {
  Statement table = only_statement(
      "CREATE TABLE app.orders (\n"
      "  id bigint DEFAULT nextval('app.order_ids'),\n"
      "  user_id int REFERENCES users (id),\n"
      "  parent int REFERENCES app.orders (id),\n"
      "  status app.status NOT NULL,\n"
      "  total numeric CHECK (positive(total)),\n"
      "  tags text[]\n"
      ")");
  CHECK(table.creates == Names{"rel:app.orders"});
  // bigint/int/numeric are pg_catalog types; text is not created by any file and is
  // left for ordering to ignore.
  CHECK(table.references == Names{"func:public.nextval", "func:public.positive", "rel:app.order_ids", "rel:app.status",
                                  "rel:public.text", "rel:public.users", "schema:app"});
}

TEST_CASE("each kind of declaration creates the object it names", "[source]") {
  auto [sql, created] = GENERATE(table<std::string, Names>({
      {"CREATE SCHEMA app", {"schema:app"}},
      {"CREATE SCHEMA AUTHORIZATION joe", {"schema:joe"}},
      {"CREATE SCHEMA app CREATE TABLE t (id int) CREATE VIEW v AS SELECT id FROM t",
       {"rel:app.t", "rel:app.v", "schema:app"}},
      {"CREATE TABLE t (id int)", {"rel:public.t"}},
      {"CREATE INDEX t_id ON app.t (id)", {"rel:app.t_id"}},
      {"CREATE INDEX ON t (id)", {}},
      {"CREATE SEQUENCE app.s", {"rel:app.s"}},
      {"CREATE VIEW v AS SELECT 1", {"rel:public.v"}},
      {"CREATE MATERIALIZED VIEW app.m AS SELECT 1", {"rel:app.m"}},
      {"CREATE TYPE mood AS ENUM ('ok')", {"rel:public.mood"}},
      {"CREATE TYPE app.pair AS (a int)", {"rel:app.pair"}},
      {"CREATE DOMAIN app.positive AS int", {"rel:app.positive"}},
      {"CREATE TYPE app.span AS RANGE (subtype = int)", {"rel:app.span"}},
      {"CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1'", {"func:app.f"}},
      {"CREATE AGGREGATE total(int) (sfunc = int4pl, stype = int)", {"func:public.total"}},
      {"CREATE TABLE \"Order Items\" (id int)", {"rel:public.Order Items"}},
      {"ALTER TABLE t ADD COLUMN x int", {}},
      {"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", {}},
  }));
  CAPTURE(sql);
  CHECK(only_statement(sql).creates == created);
}

TEST_CASE("references cover expressions, signatures and the objects of comments, grants and owners", "[source]") {
  auto [sql, referenced] = GENERATE(table<std::string, Names>({
      {"CREATE INDEX t_lower ON app.t (app.norm(name))", {"func:app.norm", "rel:app.t", "schema:app"}},
      {"CREATE VIEW v AS SELECT a.id FROM a JOIN b USING (id) WHERE a.x::regclass = 'app.\"Seq\"'::regclass",
       {"rel:app.Seq", "rel:public.a", "rel:public.b", "rel:public.regclass", "schema:app"}},
      {"CREATE FUNCTION f(p t.id%TYPE) RETURNS setof t LANGUAGE plpgsql AS $$ BEGIN SELECT * FROM hidden; END $$",
       {"rel:public.t"}},
      {"CREATE FUNCTION f() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM app.t'",
       {"func:public.count", "rel:app.t", "schema:app"}},
      {"CREATE FUNCTION f() RETURNS bigint BEGIN ATOMIC SELECT count(*) FROM t; END",
       {"func:public.count", "rel:public.t"}},
      {"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION app.stamp()",
       {"func:app.stamp", "rel:public.t", "schema:app"}},
      {"CREATE TABLE t (id int DEFAULT setval('\"S\"', 1))", {"func:public.setval", "rel:public.S"}},
      {"CREATE SEQUENCE s OWNED BY app.t.id", {"rel:app.t", "schema:app"}},
      {"CREATE SEQUENCE s OWNED BY NONE", {}},
      {"COMMENT ON TABLE app.t IS 'x'", {"rel:app.t", "schema:app"}},
      {"COMMENT ON COLUMN t.id IS 'x'", {"rel:public.t"}},
      {"COMMENT ON TYPE app.mood IS 'x'", {"rel:app.mood", "schema:app"}},
      {"COMMENT ON FUNCTION f(int) IS 'x'", {"func:public.f"}},
      {"COMMENT ON SCHEMA app IS 'x'", {"schema:app"}},
      {"COMMENT ON TRIGGER tr ON t IS 'x'", {"rel:public.t"}},
      {"GRANT USAGE ON SCHEMA app TO PUBLIC", {"schema:app"}},
      {"GRANT SELECT ON ALL TABLES IN SCHEMA app TO PUBLIC", {"schema:app"}},
      {"GRANT SELECT ON app.t TO PUBLIC", {"rel:app.t", "schema:app"}},
      {"GRANT USAGE ON TYPE mood TO PUBLIC", {"rel:public.mood"}},
      {"GRANT EXECUTE ON FUNCTION app.f(int) TO PUBLIC", {"func:app.f", "schema:app"}},
      {"ALTER TYPE app.mood OWNER TO CURRENT_USER", {"rel:app.mood", "schema:app"}},
      {"ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC", {"schema:app"}},
      {"CREATE EXTENSION pgcrypto SCHEMA app", {"schema:app"}},
      {"CREATE AGGREGATE total(mood) (sfunc = add_mood, stype = mood)", {"func:public.add_mood", "rel:public.mood"}},
      {"CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair)",
       {"func:public.pair_text", "rel:public.pair", "rel:public.text"}},
      {"ALTER DOMAIN app.positive SET DEFAULT 1", {"rel:app.positive", "schema:app"}},
      {"CREATE TABLE t (id int PRIMARY KEY, parent int REFERENCES t (id))", {}},
  }));
  CAPTURE(sql);
  CHECK(only_statement(sql).references == referenced);
}

TEST_CASE("a statement is owned by the object whose definition it is part of", "[source]") {
  auto [sql, owners] = GENERATE(table<std::string, Names>({
      {"CREATE TABLE app.t (id int)", {"rel:app.t"}},
      {"CREATE TABLE app.t_2024 PARTITION OF app.t FOR VALUES FROM (1) TO (2)", {"rel:app.t"}},
      {"CREATE INDEX t_id ON app.t (id)", {"rel:app.t"}},
      {"CREATE INDEX ON t (id)", {"rel:public.t"}},
      {"ALTER TABLE app.t ADD CONSTRAINT t_fk FOREIGN KEY (id) REFERENCES app.u (id)", {"rel:app.t"}},
      {"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", {"rel:public.t"}},
      {"CREATE POLICY p ON app.t USING (true)", {"rel:app.t"}},
      {"ALTER SEQUENCE app.s OWNED BY app.t.id", {"rel:app.s"}},
      {"CREATE VIEW v AS SELECT 1", {"rel:public.v"}},
      {"CREATE MATERIALIZED VIEW app.m AS SELECT 1", {"rel:app.m"}},
      {"CREATE TYPE mood AS ENUM ('ok')", {"rel:public.mood"}},
      {"CREATE DOMAIN app.positive AS int", {"rel:app.positive"}},
      {"ALTER DOMAIN app.positive SET DEFAULT 1", {"rel:app.positive"}},
      {"CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1'", {"func:app.f"}},
      {"CREATE EXTENSION pgcrypto SCHEMA app", {"ext:pgcrypto"}},
      {"CREATE SCHEMA app", {"schema:app"}},
      {"COMMENT ON TABLE app.t IS 'x'", {"rel:app.t"}},
      {"COMMENT ON COLUMN app.t.id IS 'x'", {"rel:app.t"}},
      {"COMMENT ON CONSTRAINT t_fk ON app.t IS 'x'", {"rel:app.t"}},
      {"COMMENT ON FUNCTION app.f() IS 'x'", {"func:app.f"}},
      {"COMMENT ON SCHEMA app IS 'x'", {"schema:app"}},
      {"COMMENT ON EXTENSION pgcrypto IS 'x'", {"ext:pgcrypto"}},
      {"GRANT SELECT ON app.t, app.v TO PUBLIC", {"rel:app.t", "rel:app.v"}},
      {"GRANT SELECT (id) ON \"Order Items\" TO PUBLIC", {"rel:public.Order Items"}},
      {"GRANT SELECT ON ALL TABLES IN SCHEMA app TO PUBLIC", {}},
      {"ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC", {}},
  }));
  CAPTURE(sql);
  CHECK(only_statement(sql).owners == owners);
}

TEST_CASE("with a statement cache, a file reads exactly as parsed, and new text is parsed", "[source]") {
  const std::string before =
      "CREATE TABLE app.t (id int PRIMARY KEY);\n-- a comment\nCREATE INDEX t_id ON app.t (id);\n"
      "GRANT SELECT ON app.t TO reader;\n";
  const std::string after = "\n\nCREATE INDEX t_id ON app.t (id);\nCREATE TABLE app.t (id int PRIMARY KEY, n text);\n"
                            "CREATE INDEX CONCURRENTLY t_n ON app.t (n);\nGRANT SELECT ON app.t TO reader;\n";
  schemactl::schema::StatementCache known(parse_schema_file("before.sql", before));
  auto cached = parse_schema_file("after.sql", after, &known);
  auto parsed = parse_schema_file("after.sql", after);
  REQUIRE(cached.size() == parsed.size());
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    CAPTURE(parsed[i].sql);
    CHECK(cached[i].sql == parsed[i].sql);
    CHECK(cached[i].file == parsed[i].file);
    CHECK(cached[i].line == parsed[i].line);
    CHECK(cached[i].column == parsed[i].column);
    CHECK(cached[i].offset == parsed[i].offset);
    CHECK(cached[i].kind == parsed[i].kind);
    CHECK(cached[i].creates == parsed[i].creates);
    CHECK(cached[i].references == parsed[i].references);
    CHECK(cached[i].owners == parsed[i].owners);
    CHECK(cached[i].roles == parsed[i].roles);
    CHECK(cached[i].transactional == parsed[i].transactional);
  }
  // Errors are as without a cache.
  CHECK_THROWS_WITH(parse_schema_file("bad.sql", "CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n", &known),
                    Catch::StartsWith("bad.sql:2:1: INSERT is not allowed in a schema file"));
  CHECK_THROWS_WITH(parse_schema_file("bad.sql", "CREATE TABLE t (id int);\nCREATE TABLE (;\n", &known),
                    Catch::StartsWith("bad.sql:2:"));
}

TEST_CASE("a statement cache survives its file, and a damaged file is an empty cache", "[source]") {
  schemactl::testing::TempDir dir;
  auto statements = parse_schema_file("s.sql", "CREATE TABLE \"Ü\" (id int);\nCOMMENT ON TABLE \"Ü\" IS 'x';\n");
  schemactl::schema::StatementCache(statements).save(dir.path() / "statements.cache");
  auto loaded = schemactl::schema::StatementCache::load(dir.path() / "statements.cache");
  const Statement* found = loaded.find(statements[1].sql);
  REQUIRE(found);
  CHECK(found->owners == statements[1].owners);
  CHECK(found->references == statements[1].references);
  std::filesystem::resize_file(dir.path() / "statements.cache", 40);
  CHECK_FALSE(schemactl::schema::StatementCache::load(dir.path() / "statements.cache").find(statements[1].sql));
  CHECK_FALSE(schemactl::schema::StatementCache::load(dir.path() / "missing.cache").find(statements[1].sql));
}

TEST_CASE("quoted, mixed-case, reserved and unicode names survive into creates and references", "[source]") {
  Statement items = only_statement(
      "CREATE TABLE \"Sales\".\"Order Items\" (\n"
      "  id int,\n"
      "  buyer int REFERENCES \"user\" (id),\n"
      "  mood \"naïve\",\n"
      "  kind MixedCase\n"
      ")");
  CHECK(items.creates == Names{"rel:Sales.Order Items"});
  CHECK(items.references == Names{"rel:public.mixedcase", "rel:public.naïve", "rel:public.user", "schema:Sales"});
}

TEST_CASE("a statement spanning lines reports its first line", "[source]") {
  std::vector<Statement> statements = parse_schema_file("m.sql",
                                                        "CREATE TABLE a (id int);\n\n"
                                                        "CREATE VIEW v\n"
                                                        "AS SELECT id\n"
                                                        "FROM a;\n");
  REQUIRE(statements.size() == 2);
  CHECK(statements[1].location() == "m.sql:3:1");
}

TEST_CASE("a table comes after the table its foreign key references, whichever file declares it", "[source]") {
  CHECK(order_of(statements_of({{"1.sql", "CREATE TABLE b (a_id int REFERENCES a (id))"},
                                {"2.sql", "CREATE TABLE a (id int PRIMARY KEY)"}})) ==
        Names{"CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE b (a_id int REFERENCES a (id))"});
}

TEST_CASE("an index declared before its table comes after it", "[source]") {
  CHECK(order_of(statements_of({{"s.sql",
                                 "CREATE INDEX t_x ON t (x);\n"
                                 "CREATE TABLE u (y int);\n"
                                 "CREATE TABLE t (x int);\n"}})) ==
        Names{"CREATE TABLE u (y int)", "CREATE TABLE t (x int)", "CREATE INDEX t_x ON t (x)"});
}

TEST_CASE("a view comes after the tables it selects from", "[source]") {
  CHECK(order_of(statements_of({{"s.sql",
                                 "CREATE VIEW both_ AS SELECT * FROM a JOIN b USING (id);\n"
                                 "CREATE TABLE b (id int);\n"
                                 "CREATE TABLE a (id int);\n"}})) ==
        Names{"CREATE TABLE b (id int)", "CREATE TABLE a (id int)",
              "CREATE VIEW both_ AS SELECT * FROM a JOIN b USING (id)"});
}

TEST_CASE("functions, views on views and triggers come after what they use, from any file", "[source]") {
  CHECK(order_of(statements_of(
            {{"1.sql",
              "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n"
              "CREATE VIEW outer_v AS SELECT x FROM inner_v;\n"},
             {"2.sql",
              "CREATE VIEW inner_v AS SELECT x FROM t WHERE positive(x);\n"
              "CREATE TABLE t (x int DEFAULT one() CHECK (positive(x)));\n"},
             {"3.sql",
              "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
              "CREATE FUNCTION positive(v int) RETURNS boolean LANGUAGE sql AS 'SELECT v > 0';\n"
              "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"}})) ==
        Names{"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
              "CREATE FUNCTION positive(v int) RETURNS boolean LANGUAGE sql AS 'SELECT v > 0'",
              "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'",
              "CREATE TABLE t (x int DEFAULT one() CHECK (positive(x)))",
              "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch()",
              "CREATE VIEW inner_v AS SELECT x FROM t WHERE positive(x)",
              "CREATE VIEW outer_v AS SELECT x FROM inner_v"});
}

TEST_CASE("a LANGUAGE sql body is checked at creation, so it follows the tables it reads; plpgsql need not", "[source]") {
  CHECK(order_of(statements_of({{"s.sql",
                                 "CREATE FUNCTION n() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM t';\n"
                                 "CREATE FUNCTION p() RETURNS bigint LANGUAGE plpgsql AS "
                                 "$$ BEGIN RETURN (SELECT count(*) FROM u); END $$;\n"
                                 "CREATE TABLE t (id int);\n"
                                 "CREATE TABLE u (id int);\n"}})) ==
        Names{"CREATE FUNCTION p() RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN RETURN (SELECT count(*) FROM u); END $$",
              "CREATE TABLE t (id int)", "CREATE FUNCTION n() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM t'",
              "CREATE TABLE u (id int)"});
}

TEST_CASE("a column's enum type is created before the table even when declared later", "[source]") {
  CHECK(order_of(statements_of({{"s.sql",
                                 "CREATE TABLE people (feeling mood);\n"
                                 "CREATE TYPE mood AS ENUM ('ok', 'meh');\n"}})) ==
        Names{"CREATE TYPE mood AS ENUM ('ok', 'meh')", "CREATE TABLE people (feeling mood)"});
}

TEST_CASE("extensions come before everything but schemas, whichever file declares them", "[source]") {
  // What an extension provides is unknown offline: citext here, an operator class there.
  CHECK(order_of(statements_of({{"a.sql",
                                 "CREATE INDEX t_trgm ON t USING gin (name ext.gin_trgm_ops);\n"
                                 "CREATE TABLE t (name citext);\n"},
                                {"b.sql", "CREATE DOMAIN code AS citext;"},
                                {"c.sql",
                                 "CREATE EXTENSION citext;\n"
                                 "CREATE EXTENSION pg_trgm WITH SCHEMA ext;\n"
                                 "CREATE SCHEMA ext;\n"}})) ==
        Names{"CREATE EXTENSION citext", "CREATE SCHEMA ext", "CREATE EXTENSION pg_trgm WITH SCHEMA ext",
              "CREATE TABLE t (name citext)", "CREATE INDEX t_trgm ON t USING gin (name ext.gin_trgm_ops)",
              "CREATE DOMAIN code AS citext"});
}

TEST_CASE("types come before the types and tables that use them, in any order across files", "[source]") {
  CHECK(order_of(statements_of({{"a.sql", "CREATE TABLE app.t (p types.pair, d types.\"Code\");"},
                                {"b.sql", "CREATE TYPE types.pair AS (m types.mood, c types.\"Code\");"},
                                {"c.sql", "CREATE DOMAIN types.\"Code\" AS text CHECK (VALUE <> '');"},
                                {"d.sql", "CREATE TYPE types.mood AS ENUM ('ok');"},
                                {"e.sql", "CREATE SCHEMA app; CREATE SCHEMA types;"}})) ==
        Names{"CREATE SCHEMA app", "CREATE SCHEMA types", "CREATE DOMAIN types.\"Code\" AS text CHECK (VALUE <> '')",
              "CREATE TYPE types.mood AS ENUM ('ok')", "CREATE TYPE types.pair AS (m types.mood, c types.\"Code\")",
              "CREATE TABLE app.t (p types.pair, d types.\"Code\")"});
}

TEST_CASE("a schema comes before the objects in it, even from a later file", "[source]") {
  CHECK(order_of(statements_of(
            {{"a.sql", "CREATE TABLE app.t (id int); CREATE TABLE other (id int)"}, {"z.sql", "CREATE SCHEMA app"}})) ==
        Names{"CREATE TABLE other (id int)", "CREATE SCHEMA app", "CREATE TABLE app.t (id int)"});
}

TEST_CASE("unrelated statements keep their order", "[source]") {
  CHECK(order_of(
            statements_of({{"s.sql", "CREATE TABLE c (id int); CREATE TABLE a (id int); CREATE TABLE b (id int)"}})) ==
        Names{"CREATE TABLE c (id int)", "CREATE TABLE a (id int)", "CREATE TABLE b (id int)"});
}

TEST_CASE("mutual foreign keys declared inline are a cycle naming both statements", "[source]") {
  std::vector<Statement> statements =
      statements_of({{"a.sql", "CREATE TABLE a (id int PRIMARY KEY, b_id int REFERENCES b (id))"},
                     {"b.sql", "\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id))"},
                     {"c.sql", "CREATE TABLE c (a_id int REFERENCES a (id))"}});
  CHECK_THROWS_WITH(order_by_dependency(statements),
                    "dependency cycle between schema statements:\n"
                    "    a.sql:1:1 CreateStmt/public.a\n"
                    "    b.sql:2:1 CreateStmt/public.b\n"
                    "break the cycle by declaring one FOREIGN KEY in a separate ALTER TABLE ... ADD CONSTRAINT "
                    "statement");
}

TEST_CASE("mutual foreign keys order fine when one is a separate ALTER TABLE", "[source]") {
  CHECK(order_of(statements_of({{"a.sql",
                                 "CREATE TABLE a (id int PRIMARY KEY, b_id int);\n"
                                 "ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id);\n"},
                                {"b.sql", "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id))"}})) ==
        Names{"CREATE TABLE a (id int PRIMARY KEY, b_id int)",
              "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id))",
              "ALTER TABLE a ADD CONSTRAINT a_b FOREIGN KEY (b_id) REFERENCES b (id)"});
}

TEST_CASE("schema paths expand directories recursively, files and globs to a sorted unique list", "[source]") {
  schemactl::testing::TempDir dir;
  fs::path b = dir.write("schema/b.sql", "");
  fs::path a = dir.write("schema/nested/a.sql", "");
  dir.write("schema/notes.txt", "");
  fs::path extra = dir.write("extra/x.sql", "");
  fs::path other = dir.write("extra/y.psql", "");

  std::vector<fs::path> files = expand_schema_paths(
      {(dir.path() / "schema").string(), (dir.path() / "extra/*.sql").string(), other.string(), b.string()});
  CHECK(files == std::vector<fs::path>{extra, other, b, a});
}

TEST_CASE("a schema path or pattern that matches nothing is an error", "[source]") {
  schemactl::testing::TempDir dir;
  dir.write("empty/readme.txt", "");
  std::string missing = (dir.path() / "missing.sql").string();
  std::string no_match = (dir.path() / "*.sql").string();
  std::string no_sql = (dir.path() / "empty").string();
  CHECK_THROWS_WITH(expand_schema_paths({missing}), "no schema files match '" + missing + "'");
  CHECK_THROWS_WITH(expand_schema_paths({no_match}), "no schema files match '" + no_match + "'");
  CHECK_THROWS_WITH(expand_schema_paths({no_sql}), "no schema files match '" + no_sql + "'");
}

TEST_CASE("loading reads every file and orders all their statements together", "[source]") {
  schemactl::testing::TempDir dir;
  fs::path first = dir.write("1_orders.sql", "CREATE TABLE orders (user_id int REFERENCES users (id));\n");
  fs::path second = dir.write("2_users.sql", "-- people\nCREATE TABLE users (id int PRIMARY KEY);\n");
  std::vector<Statement> statements = load_schema({first, second});
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].location() == second.string() + ":2:1");
  CHECK(statements[1].location() == first.string() + ":1:1");
}

TEST_CASE("a file that cannot be read is a schema error naming it and why", "[source]") {
  schemactl::testing::TempDir dir;
  fs::path missing = dir.path() / "missing.sql";
  CHECK_THROWS_AS(load_schema({missing}), SchemaError);
  CHECK_THROWS_WITH(load_schema({missing}), missing.string() + ": cannot read: No such file or directory");
  CHECK_THROWS_WITH(load_schema({dir.path()}), dir.path().string() + ": cannot read: Is a directory");
}
