// The rules for functions, procedures, views, materialized views and triggers:
// each change becomes staged steps. Their order against tables' steps comes from
// the stages and from the dependencies (dependency_graph.hpp).
#pragma once

#include <concepts>

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

template <typename T>
concept RoutineChange =
    std::same_as<T, engine::FunctionAdded> || std::same_as<T, engine::FunctionDropped> ||
    std::same_as<T, engine::FunctionReplaced> || std::same_as<T, engine::ViewAdded> ||
    std::same_as<T, engine::ViewDropped> || std::same_as<T, engine::ViewReplaced> ||
    std::same_as<T, engine::TriggerAdded> || std::same_as<T, engine::TriggerDropped> ||
    std::same_as<T, engine::TriggerReplaced>;

void plan_routine_change(const engine::FunctionAdded& change, StagedSteps& out);
void plan_routine_change(const engine::FunctionDropped& change, StagedSteps& out);
void plan_routine_change(const engine::FunctionReplaced& change, StagedSteps& out);
void plan_routine_change(const engine::ViewAdded& change, StagedSteps& out);
void plan_routine_change(const engine::ViewDropped& change, StagedSteps& out);
void plan_routine_change(const engine::ViewReplaced& change, StagedSteps& out);
void plan_routine_change(const engine::TriggerAdded& change, StagedSteps& out);
void plan_routine_change(const engine::TriggerDropped& change, StagedSteps& out);
void plan_routine_change(const engine::TriggerReplaced& change, StagedSteps& out);

}  // namespace schemactl::planner
