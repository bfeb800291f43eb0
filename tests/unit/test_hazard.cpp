#include <catch2/catch.hpp>

#include "planner/hazard.hpp"

using namespace schemactl::planner;

TEST_CASE("allowed hazards are a comma list of names, or all", "[hazard]") {
  CHECK(parse_allowed_hazards("") == std::set<Hazard>{});
  CHECK(parse_allowed_hazards("DELETES_DATA, INDEX_DROPPED") ==
        std::set<Hazard>{Hazard::deletes_data, Hazard::index_dropped});
  CHECK(parse_allowed_hazards("all").size() == 9);
}

TEST_CASE("an unknown hazard name is an error that lists the known ones", "[hazard]") {
  CHECK_THROWS_WITH(parse_allowed_hazards("DELETE_DATA"),
                    Catch::Contains("unknown hazard 'DELETE_DATA'") && Catch::Contains("DELETES_DATA"));
}

TEST_CASE("every hazard has a name that parses back and a meaning", "[hazard]") {
  for (auto hazard : parse_allowed_hazards("all")) {
    CHECK(parse_hazard(hazard_name(hazard)) == hazard);
    CHECK_FALSE(hazard_meaning(hazard).empty());
  }
}
