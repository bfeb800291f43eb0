// The online rules for extensions, enums, domains and composite types. Rules
// (rules.cpp) hands these changes here.
#pragma once

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
  void replace_enum(const schema::EnumType& current, const schema::EnumType& desired);
};

}  // namespace schemactl::planner
