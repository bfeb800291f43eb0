#include "planner/type_change.hpp"

#include <charconv>
#include <string>
#include <vector>

namespace schemactl::planner {
namespace {

// "character varying(40)" -> base "character varying", modifiers {40}.
struct TypeName {
  std::string_view base;
  std::vector<int> modifiers;
};

TypeName split_type(std::string_view type) {
  auto open = type.find('(');
  if (open == std::string_view::npos || type.back() != ')') return {type, {}};
  TypeName name{type.substr(0, open), {}};
  auto args = type.substr(open + 1, type.size() - open - 2);
  while (!args.empty()) {
    int value = 0;
    auto [end, error] = std::from_chars(args.data(), args.data() + args.size(), value);
    if (error != std::errc{}) return {type, {}};
    name.modifiers.push_back(value);
    args.remove_prefix(end - args.data());
    if (!args.empty() && args.front() == ',') args.remove_prefix(1);
  }
  return name;
}

// A modifier list that accepts every value of `from`: none (unlimited), or the
// same scale with at least the same length/precision.
bool widens(const std::vector<int>& from, const std::vector<int>& to) {
  if (to.empty()) return true;
  if (from.empty() || from.size() != to.size()) return false;
  for (std::size_t i = 1; i < to.size(); ++i) {
    if (from[i] != to[i]) return false;
  }
  return to[0] >= from[0];
}

}  // namespace

bool changes_in_place(std::string_view from, std::string_view to) {
  if (from == to) return true;
  auto a = split_type(from);
  auto b = split_type(to);
  bool textual_a = a.base == "character varying" || a.base == "text";
  if (textual_a && b.base == "text") return true;
  if (textual_a && b.base == "character varying") return a.base == "character varying" ? widens(a.modifiers, b.modifiers) : b.modifiers.empty();
  if (a.base == b.base && (a.base == "numeric" || a.base == "bit varying")) return widens(a.modifiers, b.modifiers);
  return a.base == "cidr" && b.base == "inet";
}

}  // namespace schemactl::planner
