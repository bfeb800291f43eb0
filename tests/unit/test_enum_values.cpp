#include <catch2/catch.hpp>

#include "planner/enum_values.hpp"

using namespace schemactl::planner;
using Values = std::vector<std::string>;

namespace {

// "value POSITION" per addition, or "swap" when ADD VALUE cannot do it.
std::vector<std::string> additions(const Values& from, const Values& to) {
  auto found = enum_value_additions(from, to);
  if (!found) return {"swap"};
  std::vector<std::string> lines;
  for (const auto& addition : *found) lines.push_back(addition.value + " " + addition.position);
  return lines;
}

}  // namespace

TEST_CASE("enum values inserted anywhere are added next to a value that exists by then", "[enum]") {
  CHECK(additions({"b", "d"}, {"a0", "a", "b", "c", "d", "e"}) ==
        std::vector<std::string>{"a0 BEFORE 'b'", "a AFTER 'a0'", "c AFTER 'b'", "e AFTER 'd'"});
  CHECK(additions({"b"}, {"b"}).empty());
  CHECK(additions({}, {"x", "y"}) == std::vector<std::string>{"x ", "y AFTER 'x'"});
  CHECK(additions({"it's"}, {"new", "it's"}) == std::vector<std::string>{"new BEFORE 'it''s'"});
}

TEST_CASE("a removed or reordered enum value needs the type swapped", "[enum]") {
  CHECK(additions({"a", "b", "c"}, {"a", "c"}) == std::vector<std::string>{"swap"});
  CHECK(additions({"a", "b"}, {"b", "a"}) == std::vector<std::string>{"swap"});
  CHECK(additions({"a", "b"}, {"b", "x", "a"}) == std::vector<std::string>{"swap"});
  CHECK(additions({"a"}, {}) == std::vector<std::string>{"swap"});
}

TEST_CASE("casts to a type move to its replacement, and only whole names", "[enum]") {
  CHECK(retype_casts("'a'::public.mood", "public.mood", "public.tmp") == "'a'::public.tmp");
  CHECK(retype_casts("'{a,b}'::public.mood[]", "public.mood", "public.tmp") == "'{a,b}'::public.tmp[]");
  CHECK(retype_casts("'a'::public.moods", "public.mood", "public.tmp") == "'a'::public.moods");
  CHECK(retype_casts("'x'::\"Types\".\"Mood\"", "\"Types\".\"Mood\"", "\"Types\".tmp") == "'x'::\"Types\".tmp");
  CHECK(retype_casts("public.mood", "public.mood", "public.tmp") == "public.mood");  // not a cast
  CHECK(retype_casts("f('a'::public.mood, 'b'::public.mood)", "public.mood", "t") == "f('a'::t, 'b'::t)");
}
