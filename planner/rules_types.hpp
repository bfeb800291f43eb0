// The online rules for extensions, enums, domains and composite types. Rules
// (rules.cpp) hands these changes here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

// Whether a column type changed only because ALTER EXTENSION ... SET SCHEMA moves
// the extension that provides it: "public.hstore" -> "extensions.hstore".
bool moved_with_extension(const schema::Catalog& from, const schema::Catalog& to, std::string_view from_type,
                          std::string_view to_type);

// Whether the change drops the composite type and creates it again: attributes
// reordered, or a new one not last (ADD ATTRIBUTE only appends).
bool recreates_composite(const engine::CompositeChanged& change);

struct TypeRules {
  const schema::Catalog& from;
  const schema::Catalog& to;
  StagedSteps& out;

  void operator()(const engine::ExtensionAdded& c);
  void operator()(const engine::ExtensionDropped& c);
  void operator()(const engine::ExtensionChanged& c);
  void operator()(const engine::EnumAdded& c);
  void operator()(const engine::EnumDropped& c);
  void operator()(const engine::EnumChanged& c);
  void operator()(const engine::DomainAdded& c);
  void operator()(const engine::DomainDropped& c);
  void operator()(const engine::DomainChanged& c);
  void operator()(const engine::CompositeAdded& c);
  void operator()(const engine::CompositeDropped& c);
  void operator()(const engine::CompositeChanged& c);

 private:
  void replace_type(const schema::QualifiedName& type,
                    const std::function<std::string(const schema::QualifiedName&)>& create, std::string_view via,
                    const std::vector<std::string>& removed_values);
};

}  // namespace schemactl::planner
