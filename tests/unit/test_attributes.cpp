#include <catch2/catch.hpp>

#include "engine/diff_table_settings.hpp"
#include "planner/rules_comments.hpp"
#include "schema/comments.hpp"
#include "schema/ddl.hpp"
#include "schema/ddl_table_settings.hpp"
#include "schema/names.hpp"

using namespace schemactl;
using schema::comment_target;

TEST_CASE("quote_literal doubles quotes and, in an E'' literal, backslashes", "[ddl][comments]") {
  CHECK(schema::quote_literal("it's") == "'it''s'");
  CHECK(schema::quote_literal("a\\b'c\nZoë") == "E'a\\\\b''c\nZoë'");
  CHECK(schema::comment_sql("TABLE public.t", "") == "COMMENT ON TABLE public.t IS NULL");
}

TEST_CASE("comment targets name each kind as COMMENT ON does, quoted", "[comments]") {
  CHECK(comment_target("SCHEMA", {"", "Sales"}) == "SCHEMA \"Sales\"");
  CHECK(comment_target("TABLE", {"public", "Orders"}) == "TABLE public.\"Orders\"");
  CHECK(comment_target("COLUMN", {"public", "t"}, "CustomerName") == "COLUMN public.t.\"CustomerName\"");
  CHECK(comment_target("CONSTRAINT", {"public", "t"}, "t_pkey") == "CONSTRAINT t_pkey ON public.t");
  CHECK(comment_target("DOMAIN CONSTRAINT", {"public", "d"}, "positive") == "CONSTRAINT positive ON DOMAIN public.d");
  CHECK(comment_target("FUNCTION", {"public", "f"}, {}, "a integer") == "FUNCTION public.f(a integer)");
  CHECK(comment_target("TRIGGER", {"public", "t"}, "order") == "TRIGGER \"order\" ON public.t");

  schema::Catalog catalog;
  catalog.schemas = {"public"};
  catalog.tables.push_back({.name = {"public", "t"}, .columns = {{.name = "c", .type = "text"}}});
  auto targets = schema::comment_targets(catalog);
  CHECK(targets == std::set<std::string>{"SCHEMA public", "TABLE public.t", "COLUMN public.t.c"});
}

TEST_CASE("comment targets of a table's parts are made only for the relations named", "[comments]") {
  schema::Catalog catalog;
  catalog.tables.push_back({.name = {"public", "t"},
                            .columns = {{.name = "c", .type = "text"}},
                            .constraints = {{.name = "t_check", .kind = schema::ConstraintKind::check}}});
  catalog.tables.push_back({.name = {"public", "u"},
                            .columns = {{.name = "d", .type = "text"}},
                            .indexes = {{.name = "u_idx"}}});
  catalog.views.push_back({.name = {"public", "v"}, .columns = {{.name = "e", .type = "text"}}});

  std::set<schema::QualifiedName> table_t{{"public", "t"}};
  CHECK(schema::comment_targets(catalog, &table_t) ==
        std::set<std::string>{"TABLE public.t", "COLUMN public.t.c", "CONSTRAINT t_check ON public.t",
                              "TABLE public.u", "VIEW public.v"});
  // An index's comment names the index: its relation's parts are made too.
  std::set<schema::QualifiedName> index_of_u{{"public", "u_idx"}};
  CHECK(schema::comment_targets(catalog, &index_of_u) ==
        std::set<std::string>{"TABLE public.t", "TABLE public.u", "COLUMN public.u.d", "INDEX public.u_idx",
                              "VIEW public.v"});
  std::set<schema::QualifiedName> view_v{{"public", "v"}};
  CHECK(schema::comment_targets(catalog, &view_v).contains("COLUMN public.v.e"));
  CHECK(schema::comment_targets(catalog, &view_v).size() == 4);
}

TEST_CASE("a table's settings render in CREATE TABLE and as REPLICA IDENTITY", "[ddl][table settings]") {
  schema::Table table{.name = {"public", "t"}, .columns = {{.name = "id", .type = "bigint"}}};
  table.settings.unlogged = true;
  table.settings.options = {"fillfactor=70", "toast.autovacuum_enabled=false"};
  CHECK(schema::create_table_sql(table) ==
        "CREATE UNLOGGED TABLE public.t (\n    id bigint\n) WITH (fillfactor='70', toast.autovacuum_enabled='false')");
  table.settings.replica_identity = schema::ReplicaIdentity::index;
  table.settings.replica_identity_index = "T key";
  CHECK(schema::replica_identity_sql(table.name, table.settings) ==
        "ALTER TABLE public.t REPLICA IDENTITY USING INDEX \"T key\"");
}

TEST_CASE("a view dropped to be created again gets its comment back", "[comments]") {
  schema::View view{.name = {"public", "v"}, .columns = {{.name = "a", .type = "integer"}}};
  schema::Catalog to;
  to.comments = {{"COLUMN public.v.a", "the a"}, {"VIEW public.v", "a view"}};
  std::vector<engine::Change> changes{engine::ViewDropped{view, true}, engine::ViewAdded{view},
                                      engine::CommentChanged{"VIEW public.v", "old", "a view"}};
  auto restored = planner::with_comments_restored(changes, to);
  REQUIRE(restored.size() == 4);
  const auto& added = std::get<engine::CommentChanged>(restored.back());
  CHECK(added.target == "COLUMN public.v.a");
  CHECK(added.to == "the a");
}

TEST_CASE("an index whose storage parameters alone differ is altered, not rebuilt", "[diff][table settings]") {
  schema::Index a{.name = "i",
                  .definition = "CREATE INDEX i ON public.t USING btree (a) WITH (fillfactor='90') WHERE (b > 0)",
                  .options = {"fillfactor=90"}};
  schema::Index b = a;
  b.definition = "CREATE INDEX i ON public.t USING btree (a) WHERE (b > 0)";
  b.options = {};
  CHECK(engine::only_storage_parameters_differ(a, b));
  b.definition = "CREATE INDEX i ON public.t USING btree (a, c) WHERE (b > 0)";
  CHECK_FALSE(engine::only_storage_parameters_differ(a, b));
  CHECK_FALSE(engine::only_storage_parameters_differ(a, a));
}
