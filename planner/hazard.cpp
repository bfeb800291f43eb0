#include "planner/hazard.hpp"

#include <array>
#include <stdexcept>

#include <fmt/format.h>

namespace schemactl::planner {
namespace {

struct HazardInfo {
  Hazard hazard;
  std::string_view name;
  std::string_view meaning;
};

constexpr std::array<HazardInfo, 9> hazards = {{
    {Hazard::deletes_data, "DELETES_DATA", "drops data that cannot be recovered from the database"},
    {Hazard::table_rewrite, "TABLE_REWRITE",
     "rewrites the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait"},
    {Hazard::blocks_writes, "BLOCKS_WRITES", "blocks writes to the table while it runs"},
    {Hazard::blocks_reads, "BLOCKS_READS", "blocks reads and writes of the table while it runs"},
    {Hazard::index_build, "INDEX_BUILD", "builds an index: extra I/O and CPU while it runs"},
    {Hazard::index_dropped, "INDEX_DROPPED",
     "drops an index: queries that used it may become slow"},
    {Hazard::authz_update, "AUTHZ_UPDATE", "changes who may read or write data"},
    {Hazard::untrackable_dependency, "UNTRACKABLE_DEPENDENCY",
     "an object whose dependencies PostgreSQL does not record may break"},
    {Hazard::irreversible, "IRREVERSIBLE", "cannot be undone by a down migration"},
}};

}  // namespace

std::string_view hazard_name(Hazard hazard) { return hazards[static_cast<int>(hazard)].name; }

std::string_view hazard_meaning(Hazard hazard) {
  return hazards[static_cast<int>(hazard)].meaning;
}

std::optional<Hazard> parse_hazard(std::string_view name) {
  for (const auto& info : hazards) {
    if (info.name == name) return info.hazard;
  }
  return std::nullopt;
}

std::set<Hazard> parse_allowed_hazards(std::string_view list) {
  std::set<Hazard> allowed;
  if (list == "all") {
    for (const auto& info : hazards) allowed.insert(info.hazard);
    return allowed;
  }
  while (!list.empty()) {
    auto comma = list.find(',');
    auto name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) {
      auto hazard = parse_hazard(name);
      if (!hazard) {
        std::string known;
        for (const auto& info : hazards) known += fmt::format("{}{}", known.empty() ? "" : ", ", info.name);
        throw std::invalid_argument(
            fmt::format("unknown hazard '{}' (known: {}, or all)", name, known));
      }
      allowed.insert(*hazard);
    }
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  return allowed;
}

}  // namespace schemactl::planner
