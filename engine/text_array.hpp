// PostgreSQL text[] literals for query parameters: {"a","b \"c\""}.
#pragma once

#include <string>
#include <vector>

namespace schemactl::engine {

std::string text_array_literal(const std::vector<std::string>& values);

}  // namespace schemactl::engine
