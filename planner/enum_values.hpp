// Pure logic behind the enum rules: which values ALTER TYPE ... ADD VALUE can add,
// and where; and moving an expression's casts to a replacement type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace schemactl::planner {

struct EnumValueAddition {
  std::string value;
  std::string position;  // "AFTER 'x'" or "BEFORE 'x'"; empty when the type had no values
};

// The values to add, in the order to add them, each placed next to one that exists
// by then, so that `from` becomes `to`; nullopt when `to` drops or reorders a value
// of `from`, which ADD VALUE cannot do.
std::optional<std::vector<EnumValueAddition>> enum_value_additions(const std::vector<std::string>& from,
                                                                   const std::vector<std::string>& to);

// `expression` with every cast to `type` (as "::public.mood" or "::public.mood[]")
// made a cast to `replacement`; `type` and `replacement` are quoted names.
std::string retype_casts(std::string_view expression, std::string_view type, std::string_view replacement);

}  // namespace schemactl::planner
