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
