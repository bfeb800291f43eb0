// Owners (schema/catalog_owners.hpp): every part of a catalog is filed under the
// object whose definition it belongs to, named as the schema files' statements name it.
#include <catch2/catch.hpp>

#include "schema/catalog_owners.hpp"
#include "schema/comments.hpp"
#include "schema/object_key.hpp"

using namespace schemactl::schema;

TEST_CASE("object keys and comment targets belong to their relation, routine, schema or extension",
          "[owners]") {
  const QualifiedName items{"Sales", "Order \"Items\""};
  auto [key, owner] = GENERATE_REF(table<std::string, std::string>({
      {relation_key(items), "rel:Sales.Order \"Items\""},
      {column_key(items, "user"), "rel:Sales.Order \"Items\""},
      {constraint_key(items, "a ON b"), "rel:Sales.Order \"Items\""},
      {trigger_key(items, "stamp"), "rel:Sales.Order \"Items\""},
      {policy_key(items, "mine"), "rel:Sales.Order \"Items\""},
      {function_key({"app", "naïve.f"}, "a integer, b text"), "func:app.naïve.f"},
      {comment_target("TABLE", items), "rel:Sales.Order \"Items\""},
      {comment_target("MATERIALIZED VIEW", {"app", "m"}), "rel:app.m"},
      {comment_target("COLUMN", items, "select"), "rel:Sales.Order \"Items\""},
      {comment_target("CONSTRAINT", items, "t_pkey"), "rel:Sales.Order \"Items\""},
      {comment_target("DOMAIN CONSTRAINT", {"app", "positive"}, "above"), "rel:app.positive"},
      {comment_target("FUNCTION", {"app", "f"}, {}, "integer"), "func:app.f"},
      {comment_target("SCHEMA", {"", "Sales"}), "schema:Sales"},
      {comment_target("EXTENSION", {"", "pgcrypto"}), "ext:pgcrypto"},
  }));
  CAPTURE(key);
  CHECK(owner_of_key(key) == owner);
}

TEST_CASE("merged fragments are in the order introspection reads them", "[owners]") {
  Catalog a, b;
  a.tables.push_back({.name = {"b", "t"}});
  b.tables.push_back({.name = {"a", "z"}});
  a.schemas = {"b"};
  b.schemas = {"a"};
  a.triggers.push_back({.table = {"a", "z"}, .name = "y"});
  b.triggers.push_back({.table = {"a", "z"}, .name = "x"});
  auto merged = merge_fragments({a, b});
  CHECK(merged.schemas == std::vector<std::string>{"a", "b"});
  REQUIRE(merged.tables.size() == 2);
  CHECK(merged.tables[0].name == QualifiedName{"a", "z"});
  CHECK(merged.triggers[0].name == "x");
}

TEST_CASE("a catalog with an object of no group, or with unmanaged objects, does not split", "[owners]") {
  Catalog catalog;
  catalog.tables.push_back({.name = {"app", "t"}});
  auto only_app_t = [](const std::string& owner) -> std::optional<std::string> {
    if (owner == "rel:app.t") return owner;
    return std::nullopt;
  };
  CHECK(split_by_group(catalog, only_app_t));
  catalog.sequences.push_back({.name = {"app", "s"}});
  CHECK_FALSE(split_by_group(catalog, only_app_t));
  catalog.sequences.back().owned_by = SequenceOwner{{"app", "t"}, "id"};  // a serial column's: filed with its table
  CHECK(split_by_group(catalog, only_app_t));
  catalog.unmanaged.push_back({"rule", "r ON app.t"});
  CHECK_FALSE(split_by_group(catalog, only_app_t));
}
