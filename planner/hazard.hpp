// Hazards: what a step may do to a running application. A plan that carries a
// hazard is refused by `apply` until the user allows it by name.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace schemactl::planner {

enum class Hazard {
  deletes_data,
  table_rewrite,
  blocks_writes,
  blocks_reads,
  index_build,
  index_dropped,
  authz_update,
  untrackable_dependency,
  irreversible,
};

std::string_view hazard_name(Hazard hazard);     // "DELETES_DATA"
std::string_view hazard_meaning(Hazard hazard);  // one line, shown wherever it appears
std::optional<Hazard> parse_hazard(std::string_view name);

// "DELETES_DATA,INDEX_DROPPED" or "all" -> the set; throws std::invalid_argument
// naming an unknown hazard and listing the known ones.
std::set<Hazard> parse_allowed_hazards(std::string_view list);

}  // namespace schemactl::planner
