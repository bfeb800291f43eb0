#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "schema/catalog_json.hpp"
#include "schema/ddl.hpp"
#include "schema/ddl_types.hpp"
#include "schema/fingerprint.hpp"

using namespace schemactl::schema;

namespace {

Catalog types() {
  Catalog catalog;
  catalog.schemas = {"public", "select"};
  catalog.extensions = {{"pg_trgm", "select", "1.6"}};
  catalog.enums = {{{"select", "Mood"}, {"it's", "ok"}}};
  catalog.domains = {{.name = {"public", "code"},
                      .base_type = "character varying(8)",
                      .collation = "pg_catalog.\"C\"",
                      .default_expr = "'x'::character varying",
                      .not_null = true,
                      .constraints = {{"a b", "CHECK (((VALUE)::text <> ''::text))", true},
                                      {"later", "CHECK ((length((VALUE)::text) > 1)) NOT VALID", false}}}};
  catalog.composite_types = {{{"public", "pair"}, {{"from", "\"select\".\"Mood\"", ""}, {"b", "text", "pg_catalog.\"C\""}}},
                             {{"public", "empty"}, {}}};
  return catalog;
}

}  // namespace

TEST_CASE("extensions and types render as runnable, quoted SQL in dependency order", "[ddl][types]") {
  CHECK(render_sql(types()) ==
        "CREATE SCHEMA \"select\";\n\n"
        "CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA \"select\" VERSION '1.6';\n\n"
        "CREATE TYPE \"select\".\"Mood\" AS ENUM ('it''s', 'ok');\n\n"
        "CREATE DOMAIN public.code AS character varying(8) COLLATE pg_catalog.\"C\" DEFAULT 'x'::character varying "
        "NOT NULL\n    CONSTRAINT \"a b\" CHECK (((VALUE)::text <> ''::text));\n\n"
        "ALTER DOMAIN public.code ADD CONSTRAINT later CHECK ((length((VALUE)::text) > 1)) NOT VALID;\n\n"
        "CREATE TYPE public.pair AS (\n    \"from\" \"select\".\"Mood\",\n    b text COLLATE pg_catalog.\"C\"\n);\n\n"
        "CREATE TYPE public.empty AS ();\n");
}

TEST_CASE("extensions and types are part of the JSON catalog and the fingerprint", "[ddl][types]") {
  auto json = nlohmann::json::parse(render_catalog_json(types()));
  CHECK(json["extensions"][0] == nlohmann::json{{"name", "pg_trgm"}, {"schema", "select"}, {"version", "1.6"}});
  CHECK(json["enums"][0]["values"] == nlohmann::json{"it's", "ok"});
  CHECK(json["domains"][0]["collation"] == "pg_catalog.\"C\"");
  CHECK(json["domains"][0]["constraints"][1]["validated"] == false);
  CHECK(json["composite_types"][0]["attributes"][1]["collation"] == "pg_catalog.\"C\"");
  CHECK(json["composite_types"][1]["attributes"].empty());

  auto changed = types();
  changed.extensions[0].version = "1.5";
  CHECK(fingerprint(changed) != fingerprint(types()));
}
