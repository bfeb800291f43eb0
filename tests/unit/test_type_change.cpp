#include <catch2/catch.hpp>

#include "planner/type_change.hpp"

using schemactl::planner::changes_in_place;

TEST_CASE("widening a varchar or turning it into text changes it in place", "[type_change]") {
  CHECK(changes_in_place("character varying(40)", "character varying(80)"));
  CHECK(changes_in_place("character varying(40)", "character varying"));
  CHECK(changes_in_place("character varying(40)", "text"));
  CHECK(changes_in_place("text", "character varying"));
}

TEST_CASE("narrowing or limiting a string type rewrites", "[type_change]") {
  CHECK_FALSE(changes_in_place("character varying(80)", "character varying(40)"));
  CHECK_FALSE(changes_in_place("text", "character varying(10)"));
  CHECK_FALSE(changes_in_place("character(10)", "character(20)"));
}

TEST_CASE("numeric precision may grow at the same scale", "[type_change]") {
  CHECK(changes_in_place("numeric(10,2)", "numeric(12,2)"));
  CHECK(changes_in_place("numeric(10,2)", "numeric"));
  CHECK_FALSE(changes_in_place("numeric(10,2)", "numeric(12,3)"));
  CHECK_FALSE(changes_in_place("numeric", "numeric(12,2)"));
}

TEST_CASE("integer widening rewrites the table", "[type_change]") {
  CHECK_FALSE(changes_in_place("integer", "bigint"));
  CHECK(changes_in_place("cidr", "inet"));
}
