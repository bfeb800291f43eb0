// introspect builds most index definitions from the catalogs instead of calling
// pg_get_indexdef(): every shape here must come out exactly as pg_get_indexdef prints it.
#include <catch2/catch.hpp>

#include <map>

#include <pqxx/pqxx>

#include "engine/connection.hpp"
#include "engine/scratch.hpp"
#include "support/server_definitions.hpp"
#include "support/test_server.hpp"

using namespace schemactl;

namespace {

// Awkward names (quoted, mixed case, non-ASCII, reserved words) and every part of an
// index definition, each on its own and in the plain shape next to it.
constexpr const char* index_shapes = R"sql(
CREATE EXTENSION pg_trgm;
CREATE SCHEMA "Mixed Schema";
CREATE SCHEMA "select";
CREATE DOMAIN public.small AS int;
CREATE TYPE public.mood AS ENUM ('sad', 'ok');
CREATE TABLE "Mixed Schema"."Order Items" (
  id int PRIMARY KEY,
  "User" text COLLATE "C",
  "naïve" text,
  "order" int,
  "quo""te" varchar(20),
  plain text,
  n numeric,
  tags text[],
  range int4range,
  doc tsvector,
  size public.small,
  feeling public.mood,
  seen timestamptz,
  CONSTRAINT "Unique Pair" UNIQUE ("order", n),
  CONSTRAINT not_distinct UNIQUE NULLS NOT DISTINCT (plain),
  CONSTRAINT with_include UNIQUE (seen) INCLUDE (n),
  CONSTRAINT no_overlap EXCLUDE USING gist (range WITH &&),
  CONSTRAINT "deferred key" UNIQUE (size) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX "Plain Idx" ON "Mixed Schema"."Order Items" (plain);
CREATE INDEX "select" ON "Mixed Schema"."Order Items" ("order");
CREATE INDEX "naïve_idx" ON "Mixed Schema"."Order Items" ("naïve", "User");
CREATE INDEX quoted_idx ON "Mixed Schema"."Order Items" ("quo""te");
CREATE INDEX desc_idx ON "Mixed Schema"."Order Items" (n DESC);
CREATE INDEX desc_nulls_last ON "Mixed Schema"."Order Items" (n DESC NULLS LAST, "order" DESC NULLS FIRST);
CREATE INDEX nulls_first ON "Mixed Schema"."Order Items" (n NULLS FIRST, plain ASC NULLS LAST);
CREATE INDEX pattern_ops ON "Mixed Schema"."Order Items" (plain text_pattern_ops);
CREATE INDEX default_ops_named ON "Mixed Schema"."Order Items" (plain text_ops);
CREATE INDEX varchar_key ON "Mixed Schema"."Order Items" ("quo""te" varchar_pattern_ops);
CREATE INDEX column_collation ON "Mixed Schema"."Order Items" ("User" COLLATE "C");
CREATE INDEX other_collation ON "Mixed Schema"."Order Items" (plain COLLATE "C");
CREATE INDEX posix_collation ON "Mixed Schema"."Order Items" ("User" COLLATE "POSIX" DESC);
CREATE INDEX include_idx ON "Mixed Schema"."Order Items" ("order") INCLUDE (plain, "User");
CREATE INDEX partial_idx ON "Mixed Schema"."Order Items" (plain) WHERE "order" > 0 AND plain <> 'x';
CREATE INDEX expression_idx ON "Mixed Schema"."Order Items" (lower(plain), "order");
CREATE INDEX expression_only ON "Mixed Schema"."Order Items" ((n + 1));
CREATE UNIQUE INDEX unique_idx ON "Mixed Schema"."Order Items" ("order", plain DESC) WHERE n IS NOT NULL;
CREATE UNIQUE INDEX not_distinct_idx ON "Mixed Schema"."Order Items" (n) NULLS NOT DISTINCT;
CREATE INDEX fillfactor_idx ON "Mixed Schema"."Order Items" ("order") WITH (fillfactor = 70);
CREATE INDEX hash_idx ON "Mixed Schema"."Order Items" USING hash (plain);
CREATE INDEX gin_idx ON "Mixed Schema"."Order Items" USING gin (tags);
CREATE INDEX gin_ops_idx ON "Mixed Schema"."Order Items" USING gin (plain public.gin_trgm_ops);
CREATE INDEX gist_idx ON "Mixed Schema"."Order Items" USING gist (range);
CREATE INDEX gist_options ON "Mixed Schema"."Order Items" USING gist (doc tsvector_ops (siglen = 100));
CREATE INDEX brin_idx ON "Mixed Schema"."Order Items" USING brin (seen) WITH (pages_per_range = 16);
CREATE INDEX domain_key ON "Mixed Schema"."Order Items" (size);
CREATE INDEX enum_key ON "Mixed Schema"."Order Items" (feeling);
CREATE INDEX array_key ON "Mixed Schema"."Order Items" (tags);
CREATE TABLE "select"."from" ("where" int, "Group" date, PRIMARY KEY ("where", "Group")) PARTITION BY RANGE ("Group");
CREATE TABLE "select"."from 2024" PARTITION OF "select"."from" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX partitioned_idx ON "select"."from" ("where" DESC);
CREATE INDEX own_partition_idx ON "select"."from 2024" ("Group") WHERE "where" > 1;
CREATE MATERIALIZED VIEW "select"."Totals" AS SELECT "order", count(*) AS "count" FROM "Mixed Schema"."Order Items" GROUP BY 1;
CREATE UNIQUE INDEX "Totals order" ON "select"."Totals" ("order");
)sql";

using Key = testing::DefinitionKey;
using testing::definitions;

// pg_get_indexdef() of every user index that belongs to its relation (not to a
// constraint, nor, for a partition's, attached to its parent's).
constexpr const char* own_indexes =
    "SELECT n.nspname, t.relname, c.relname, pg_get_indexdef(c.oid) FROM pg_index i "
    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
    "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname IN ('Mixed Schema', 'select') "
    "AND NOT c.relispartition AND NOT EXISTS (SELECT FROM pg_constraint con WHERE con.conindid = c.oid "
    "AND con.contype IN ('p', 'u', 'x'))";

// pg_get_indexdef() of the index backing each constraint of the user's.
constexpr const char* constraint_indexes =
    "SELECT n.nspname, t.relname, con.conname, pg_get_indexdef(con.conindid) FROM pg_constraint con "
    "JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
    "WHERE con.contype IN ('p', 'u', 'x') AND con.conparentid = 0 AND n.nspname IN ('Mixed Schema', 'select')";

}  // namespace

TEST_CASE("introspected index definitions are pg_get_indexdef's, whatever the index's shape", "[introspect]") {
  engine::TemporaryDatabase db(testing::test_server(), "introspect");
  auto conn = engine::connect(db.conninfo());
  auto catalog = testing::introspect_created(*conn, index_shapes);
  pqxx::work txn(*conn);
  testing::print_names_as_introspection(txn);
  auto by_index = definitions(txn, own_indexes);
  auto by_constraint = definitions(txn, constraint_indexes);

  std::map<Key, std::string> read;
  std::map<Key, std::string> read_by_constraint;
  for (const auto& table : catalog.tables) {
    for (const auto& index : table.indexes) read[{table.name.schema, table.name.name, index.name}] = index.definition;
    for (const auto& constraint : table.constraints)
      if (!constraint.index_definition.empty())
        read_by_constraint[{table.name.schema, table.name.name, constraint.name}] = constraint.index_definition;
  }
  for (const auto& view : catalog.views)
    for (const auto& index : view.indexes) read[{view.name.schema, view.name.name, index.name}] = index.definition;

  CHECK(read.size() == 32);
  CHECK(read == by_index);
  CHECK(by_constraint.size() == 7);
  CHECK(read_by_constraint == by_constraint);
}

TEST_CASE("partial indexes sharing a predicate's tree each print it under their own columns' names", "[introspect]") {
  // Each distinct predicate is deparsed once (introspect_indexes.cpp, deparse_predicates):
  // the same tree at another column number, or over another column name, is another one.
  engine::TemporaryDatabase db(testing::test_server(), "introspect");
  auto conn = engine::connect(db.conninfo());
  auto catalog = testing::introspect_created(*conn, R"sql(
CREATE SCHEMA "select";
CREATE TABLE "select".a (id int, b int, flag int, label text);
CREATE TABLE "select".b (id int, b int, "Other" int, "Note" text);
CREATE TABLE "select".c (flag int, id int, label text);
CREATE TABLE "select"."d d" (id int, b int, flag int, label text);
CREATE INDEX a_flag ON "select".a (id) WHERE flag <> 0;
CREATE INDEX b_flag ON "select".b (id) WHERE "Other" <> 0;
CREATE INDEX c_flag ON "select".c (id) WHERE flag <> 0;
CREATE INDEX "d flag" ON "select"."d d" (id)   WHERE   flag<>0;
CREATE INDEX a_label ON "select".a (id) WHERE label <> ':location 5' AND lower(label) > 'a';
CREATE INDEX b_label ON "select".b (id) WHERE "Note" <> ':location 5' AND lower("Note") > 'a';
CREATE INDEX c_label ON "select".c (id) WHERE label <> ':location 6' AND lower(label) > 'a';
CREATE INDEX a_null ON "select".a (id) WHERE b IS NULL;
CREATE INDEX b_null ON "select".b (id) WHERE b IS NULL;
)sql");
  pqxx::work txn(*conn);
  testing::print_names_as_introspection(txn);
  auto by_index = definitions(txn, own_indexes);
  auto predicates = definitions(
      txn, "SELECT n.nspname, t.relname, c.relname, pg_get_expr(i.indpred, i.indrelid) FROM pg_index i "
           "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
           "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'select'");

  std::map<Key, std::string> read, read_predicates;
  for (const auto& table : catalog.tables)
    for (const auto& index : table.indexes) {
      read[{table.name.schema, table.name.name, index.name}] = index.definition;
      read_predicates[{table.name.schema, table.name.name, index.name}] = index.predicate;
    }
  CHECK(read.size() == 9);
  CHECK(read == by_index);
  CHECK(read_predicates == predicates);
}
