// A schema-qualified object name, as stored in the catalogs (unquoted).
#pragma once

#include <compare>
#include <string>

namespace schemactl::schema {

struct QualifiedName {
  std::string schema;
  std::string name;
  auto operator<=>(const QualifiedName&) const = default;
};

}  // namespace schemactl::schema
