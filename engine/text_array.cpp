#include "engine/text_array.hpp"

namespace schemactl::engine {

std::string text_array_literal(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    literal += literal.size() > 1 ? ",\"" : "\"";
    for (char c : value) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

}  // namespace schemactl::engine
