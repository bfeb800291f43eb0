// introspect builds key and foreign key definitions from the catalogs instead of
// calling pg_get_constraintdef(), and deparses defaults without their table: each
// shape here must come out exactly as the server's own calls print it.
#include <catch2/catch.hpp>

#include <map>

#include <pqxx/pqxx>

#include "engine/connection.hpp"
#include "engine/introspect.hpp"
#include "engine/scratch.hpp"
#include "support/server_definitions.hpp"
#include "support/test_server.hpp"

using namespace schemactl;

namespace {

constexpr const char* constraint_shapes = R"sql(
CREATE SCHEMA "Mixed Schema";
CREATE SCHEMA "select";
CREATE SEQUENCE "select"."Counter";
CREATE TABLE "select"."from" ("where" int, "Group" text, "naïve" int, PRIMARY KEY ("where", "Group"), UNIQUE ("naïve"));
CREATE TABLE "Mixed Schema"."Order Items" (
  id int PRIMARY KEY,
  "order" int UNIQUE,
  "User" text,
  plain text,
  n numeric DEFAULT 0.5,
  other int DEFAULT nextval('"select"."Counter"'),
  at timestamptz DEFAULT now(),
  label text DEFAULT 'it''s' || 'x',
  day date DEFAULT CURRENT_DATE,
  total numeric GENERATED ALWAYS AS (n * 2 + id) STORED,
  "quo""te" varchar(20) DEFAULT 'a'::character varying,
  tags text[] DEFAULT ARRAY['x', 'y'],
  CONSTRAINT "Two Columns" UNIQUE ("User", plain),
  CONSTRAINT not_distinct UNIQUE NULLS NOT DISTINCT (plain),
  CONSTRAINT with_include UNIQUE (n) INCLUDE (plain),
  CONSTRAINT later UNIQUE (at) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT deferrable_only UNIQUE (day) DEFERRABLE,
  CONSTRAINT fk_plain FOREIGN KEY ("order") REFERENCES "select"."from" ("naïve"),
  CONSTRAINT "fk two" FOREIGN KEY ("order", "User") REFERENCES "select"."from" ("where", "Group")
    MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL,
  CONSTRAINT fk_restrict FOREIGN KEY (other) REFERENCES "Mixed Schema"."Order Items" (id)
    ON UPDATE RESTRICT ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT fk_default FOREIGN KEY (other) REFERENCES "Mixed Schema"."Order Items" ("order")
    ON UPDATE SET DEFAULT ON DELETE SET DEFAULT DEFERRABLE,
  CONSTRAINT fk_set_columns FOREIGN KEY ("order", "User") REFERENCES "select"."from" ("where", "Group")
    ON DELETE SET NULL ("User"),
  CONSTRAINT "check" CHECK (n > 0),
  CONSTRAINT no_overlap EXCLUDE USING btree (plain WITH =)
);
ALTER TABLE "Mixed Schema"."Order Items" ADD CONSTRAINT fk_not_valid FOREIGN KEY (id) REFERENCES "select"."from" ("naïve") NOT VALID;
ALTER TABLE "Mixed Schema"."Order Items" ADD CONSTRAINT check_not_valid CHECK (id <> 7) NOT VALID;
CREATE TABLE "select"."parted" (id int, at date, PRIMARY KEY (id, at), FOREIGN KEY (id) REFERENCES "select"."from" ("naïve"))
  PARTITION BY RANGE (at);
CREATE TABLE "select"."parted 2024" PARTITION OF "select"."parted" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
)sql";

using Key = testing::DefinitionKey;
using testing::definitions;

// pg_get_constraintdef() of every constraint that is the user's: not a partition's
// copy of its parent's.
constexpr const char* server_constraints =
    "SELECT n.nspname, t.relname, con.conname, pg_get_constraintdef(con.oid) FROM pg_constraint con "
    "JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
    "WHERE con.conparentid = 0 AND n.nspname IN ('Mixed Schema', 'select')";

// pg_get_expr() with its table, of every default and generated column.
constexpr const char* server_defaults =
    "SELECT n.nspname, t.relname, a.attname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d "
    "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum "
    "JOIN pg_class t ON t.oid = d.adrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
    "WHERE NOT t.relispartition AND n.nspname IN ('Mixed Schema', 'select')";

}  // namespace

TEST_CASE("introspected constraint definitions and defaults are the server's deparser's, whatever their shape",
          "[introspect]") {
  engine::TemporaryDatabase db(testing::test_server(), "introspect");
  auto conn = engine::connect(db.conninfo());
  auto catalog = testing::introspect_created(*conn, constraint_shapes);
  pqxx::work txn(*conn);
  testing::print_names_as_introspection(txn);
  auto constraints = definitions(txn, server_constraints);
  auto defaults = definitions(txn, server_defaults);

  std::map<Key, std::string> read_constraints;
  std::map<Key, std::string> read_defaults;
  for (const auto& table : catalog.tables) {
    for (const auto& constraint : table.constraints)
      read_constraints[{table.name.schema, table.name.name, constraint.name}] = constraint.definition;
    for (const auto& column : table.columns) {
      const auto& expression = column.generated.empty() ? column.default_expr : column.generated;
      if (!expression.empty()) read_defaults[{table.name.schema, table.name.name, column.name}] = expression;
    }
  }
  CHECK(read_constraints.size() == 20);
  CHECK(read_constraints == constraints);
  CHECK(read_defaults.size() == 8);
  CHECK(read_defaults == defaults);
}

TEST_CASE("a foreign key to a table of an excluded schema is named and defined by the server", "[introspect]") {
  // The client names keys from the columns it read; an excluded schema's it did not.
  engine::TemporaryDatabase db(testing::test_server(), "introspect");
  auto conn = engine::connect(db.conninfo());
  {
    pqxx::work txn(*conn);
    txn.exec(
        "CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.\"Accounts\" (\"Key\" int PRIMARY KEY, b int UNIQUE);"
        "CREATE TABLE public.orders (id int PRIMARY KEY, account int,"
        "  CONSTRAINT to_account FOREIGN KEY (account) REFERENCES elsewhere.\"Accounts\" (\"Key\") ON DELETE CASCADE)");
    txn.commit();
  }
  auto catalog = engine::introspect(*conn, {.excluded_schemas = {"elsewhere"}});
  REQUIRE(catalog.tables.size() == 1);
  const auto* key = &catalog.tables[0].constraints.at(1);
  REQUIRE(key->name == "to_account");
  CHECK(key->definition ==
        "FOREIGN KEY (account) REFERENCES elsewhere.\"Accounts\"(\"Key\") ON DELETE CASCADE");
  CHECK(key->columns == std::vector<std::string>{"account"});
  CHECK(key->referenced_columns == std::vector<std::string>{"Key"});
  CHECK(key->referenced_table == schema::QualifiedName{"elsewhere", "Accounts"});
}
