#include "planner/enum_values.hpp"

#include <algorithm>

#include "schema/names.hpp"

namespace schemactl::planner {

std::optional<std::vector<EnumValueAddition>> enum_value_additions(const std::vector<std::string>& from,
                                                                   const std::vector<std::string>& to) {
  std::vector<EnumValueAddition> additions;
  std::size_t kept = 0;  // values of `from` met so far, in order
  for (std::size_t i = 0; i < to.size(); ++i) {
    if (kept < from.size() && to[i] == from[kept]) {
      ++kept;
      continue;
    }
    if (std::find(from.begin(), from.end(), to[i]) != from.end()) return std::nullopt;  // moved
    // After the value just before it (existing, or added just now); the first one goes
    // before the first existing value.
    std::string position;
    if (i > 0) position = "AFTER " + schema::quote_literal(to[i - 1]);
    else if (!from.empty()) position = "BEFORE " + schema::quote_literal(from.front());
    additions.push_back({to[i], std::move(position)});
  }
  if (kept < from.size()) return std::nullopt;  // removed
  return additions;
}

std::string retype_casts(std::string_view expression, std::string_view type, std::string_view replacement) {
  std::string result;
  std::size_t done = 0;
  for (auto at = schema::find_name(expression, type); at != std::string_view::npos;
       at = schema::find_name(expression, type, at + 1)) {
    if (at < 2 || expression.substr(at - 2, 2) != "::") continue;
    result.append(expression.substr(done, at - done)).append(replacement);
    done = at + type.size();
  }
  return result.append(expression.substr(done));
}

}  // namespace schemactl::planner
