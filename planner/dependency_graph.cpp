#include "planner/dependency_graph.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "engine/diff_privileges.hpp"
#include "engine/diff_routines.hpp"
#include "schema/ddl.hpp"
#include "schema/object_key.hpp"
#include "schema/topological_order.hpp"

namespace schemactl::planner {
namespace {

using schema::column_key;
using schema::constraint_key;
using schema::function_key;
using schema::policy_key;
using schema::relation_key;
using schema::trigger_key;

// The keys of a table: itself, its columns and its constraints. A new table creates
// only the constraints CREATE TABLE declares: foreign keys are left to their stage,
// after every new table exists, as two new tables may reference each other. A
// dropped table drops its foreign keys with it, so it goes before the tables they
// reference.
std::vector<std::string> table_keys(const schema::Table& table, bool every_constraint) {
  std::vector<std::string> keys{relation_key(table.name)};
  for (const auto& column : table.columns) keys.push_back(column_key(table.name, column.name));
  for (const auto& constraint : table.constraints)
    if (every_constraint || schema::created_with_table(constraint))
      keys.push_back(constraint_key(table.name, constraint.name));
  return keys;
}

struct KeysOf {
  ObjectKeys operator()(const engine::TableAdded& c) const { return {.creates = table_keys(c.table, false)}; }
  ObjectKeys operator()(const engine::TableDropped& c) const { return {.drops = table_keys(c.table, true)}; }
  ObjectKeys operator()(const engine::ColumnAdded& c) const { return {.creates = {column_key(c.table, c.column.name)}}; }
  ObjectKeys operator()(const engine::ColumnDropped& c) const { return {.drops = {column_key(c.table, c.column.name)}}; }
  ObjectKeys operator()(const engine::ColumnChanged& c) const {
    ObjectKeys keys{.creates = {column_key(c.table, c.to.name)}};
    if (c.from.type != c.to.type || c.from.collation != c.to.collation || c.from.generated != c.to.generated)
      keys.drops = keys.creates;
    return keys;
  }
  ObjectKeys operator()(const engine::ConstraintAdded& c) const {
    return {.creates = {constraint_key(c.table, c.constraint.name)}};
  }
  ObjectKeys operator()(const engine::ConstraintDropped& c) const {
    return {.drops = {constraint_key(c.table, c.constraint.name)}};
  }
  ObjectKeys operator()(const engine::IndexAdded& c) const { return {.uses = {relation_key(c.table)}}; }
  ObjectKeys operator()(const engine::FunctionAdded& c) const { return {.creates = {function_key(c.function)}}; }
  ObjectKeys operator()(const engine::FunctionReplaced& c) const { return {.creates = {function_key(c.to)}}; }
  ObjectKeys operator()(const engine::FunctionDropped& c) const { return {.drops = {function_key(c.function)}}; }
  ObjectKeys operator()(const engine::ViewAdded& c) const { return {.creates = {relation_key(c.view.name)}}; }
  ObjectKeys operator()(const engine::ViewReplaced& c) const { return {.creates = {relation_key(c.to.name)}}; }
  ObjectKeys operator()(const engine::ViewDropped& c) const { return {.drops = {relation_key(c.view.name)}}; }
  ObjectKeys operator()(const engine::TriggerAdded& c) const { return {.creates = {trigger_key(c.trigger)}}; }
  ObjectKeys operator()(const engine::TriggerReplaced& c) const { return {.creates = {trigger_key(c.to)}}; }
  ObjectKeys operator()(const engine::TriggerDropped& c) const { return {.drops = {trigger_key(c.trigger)}}; }
  ObjectKeys operator()(const engine::PolicyAdded& c) const { return {.creates = {policy_key(c.object)}}; }
  ObjectKeys operator()(const engine::PolicyChanged& c) const { return {.creates = {policy_key(c.to)}}; }
  ObjectKeys operator()(const engine::PolicyDropped& c) const { return {.drops = {policy_key(c.object)}}; }
  // Schemas, sequences and indexes of existing tables are ordered by their stages.
  template <typename Other>
  ObjectKeys operator()(const Other&) const {
    return {};
  }
};

// dependent -> what it depends on, or the reverse.
using Edges = std::map<std::string, std::vector<std::string>>;

Edges referenced_by_dependent(const std::vector<schema::Dependency>& dependencies) {
  Edges edges;
  for (const auto& d : dependencies) edges[d.dependent].push_back(d.referenced);
  return edges;
}

Edges dependents_of_referenced(const std::vector<schema::Dependency>& dependencies) {
  Edges edges;
  for (const auto& d : dependencies) edges[d.referenced].push_back(d.dependent);
  return edges;
}

// The list filed under `key`, or an empty one.
template <typename Value>
const std::vector<Value>& at(const std::map<std::string, std::vector<Value>>& index, const std::string& key) {
  static const std::vector<Value> none;
  auto found = index.find(key);
  return found == index.end() ? none : found->second;
}

// Views and triggers by key, on one side.
struct Rebuildable {
  std::map<std::string, const schema::View*> views;
  std::map<std::string, const schema::Trigger*> triggers;

  explicit Rebuildable(const schema::Catalog& catalog) {
    for (const auto& view : catalog.views) views.emplace(relation_key(view.name), &view);
    for (const auto& trigger : catalog.triggers) triggers.emplace(trigger_key(trigger), &trigger);
  }
};

// Whether the change is the in-place replacement, or an index, of the view or trigger `key`.
bool superseded_by_rebuild(const engine::Change& change, const std::string& key) {
  if (const auto* c = std::get_if<engine::ViewReplaced>(&change)) return relation_key(c->to.name) == key;
  if (const auto* c = std::get_if<engine::TriggerReplaced>(&change)) return trigger_key(c->to) == key;
  if (const auto* c = std::get_if<engine::IndexAdded>(&change)) return relation_key(c->table) == key;
  if (const auto* c = std::get_if<engine::IndexDropped>(&change)) return relation_key(c->table) == key;
  return false;
}

}  // namespace

bool calls_new_function(const std::string& key, const schema::Catalog& from, const schema::Catalog& to) {
  std::set<std::string> existing;
  for (const auto& function : from.functions) existing.insert(function_key(function));
  return std::any_of(to.dependencies.begin(), to.dependencies.end(), [&](const schema::Dependency& d) {
    return d.dependent == key && d.referenced.starts_with("func ") && !existing.contains(d.referenced);
  });
}

ObjectKeys object_keys(const engine::Change& change) {
  return std::visit(KeysOf{}, change);
}

std::vector<engine::Change> with_dependents_rebuilt(std::vector<engine::Change> changes, const schema::Catalog& from,
                                                    const schema::Catalog& to) {
  std::set<std::string> dropped;
  for (const auto& change : changes)
    for (auto& key : object_keys(change).drops) dropped.insert(std::move(key));
  auto dependents = dependents_of_referenced(from.dependencies);
  Rebuildable current(from), desired(to);
  std::vector<std::string> pending(dropped.begin(), dropped.end());
  std::vector<std::string> rebuilt;
  while (!pending.empty()) {
    std::string key = std::move(pending.back());
    pending.pop_back();
    for (const auto& dependent : at(dependents, key)) {
      if (dropped.contains(dependent)) continue;
      bool view = desired.views.contains(dependent) && current.views.contains(dependent);
      bool trigger = desired.triggers.contains(dependent) && current.triggers.contains(dependent);
      if (!view && !trigger) continue;
      dropped.insert(dependent);
      pending.push_back(dependent);
      rebuilt.push_back(dependent);
    }
  }
  // Deterministic: the rebuilt objects in key order, after the diff's changes.
  std::sort(rebuilt.begin(), rebuilt.end());
  for (const auto& key : rebuilt) {
    std::erase_if(changes, [&](const engine::Change& change) { return superseded_by_rebuild(change, key); });
    if (current.views.contains(key)) {
      changes.push_back(engine::ViewDropped{*current.views.at(key), true});
      engine::add_view(*desired.views.at(key), changes);
      engine::grant_again(desired.views.at(key)->name, to, changes);
    } else {
      changes.push_back(engine::TriggerDropped{*current.triggers.at(key), true});
      changes.push_back(engine::TriggerAdded{*desired.triggers.at(key)});
    }
  }
  return changes;
}

std::vector<std::size_t> order_steps(const std::vector<StepNode>& steps, const std::vector<ObjectKeys>& keys,
                                     const std::vector<schema::Dependency>& from,
                                     const std::vector<schema::Dependency>& to) {
  // Which changes create and drop each key.
  std::map<std::string, std::vector<std::size_t>> creators, droppers;
  for (std::size_t change = 0; change < keys.size(); ++change) {
    for (const auto& key : keys[change].creates) creators[key].push_back(change);
    for (const auto& key : keys[change].drops) droppers[key].push_back(change);
  }
  auto needs = referenced_by_dependent(to);
  auto needed = referenced_by_dependent(from);

  // Change-level edges: before[b] lists the changes whose steps go before b's.
  std::vector<std::vector<std::size_t>> before(keys.size());
  auto after_all = [&](std::size_t change, const std::vector<std::size_t>& firsts) {
    for (std::size_t first : firsts)
      if (first != change) before[change].push_back(first);
  };
  for (std::size_t change = 0; change < keys.size(); ++change) {
    for (const auto& key : keys[change].creates) {
      after_all(change, at(droppers, key));  // a redefined object: the old one goes first
      for (const auto& referenced : at(needs, key)) after_all(change, at(creators, referenced));
    }
    for (const auto& key : keys[change].uses) after_all(change, at(creators, key));
    for (const auto& key : keys[change].drops)
      for (const auto& referenced : at(needed, key))
        for (std::size_t later : at(droppers, referenced))
          if (later != change) before[later].push_back(change);
  }

  // Steps ranked by stage, then as given; step-level prerequisites in rank space.
  std::vector<std::size_t> ranked(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) ranked[i] = i;
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](std::size_t a, std::size_t b) { return steps[a].stage < steps[b].stage; });
  std::vector<std::vector<std::size_t>> ranks_of_change(keys.size());
  for (std::size_t rank = 0; rank < ranked.size(); ++rank) ranks_of_change[steps[ranked[rank]].change].push_back(rank);
  std::vector<std::vector<std::size_t>> prerequisites(ranked.size());
  for (std::size_t rank = 0; rank < ranked.size(); ++rank)
    for (std::size_t first : before[steps[ranked[rank]].change])
      for (std::size_t first_rank : ranks_of_change[first]) prerequisites[rank].push_back(first_rank);

  auto [order, stuck] = schema::topological_order(prerequisites);
  if (!stuck.empty()) throw std::logic_error("the plan's steps depend on each other in a cycle");
  std::vector<std::size_t> result;
  for (std::size_t rank : order) result.push_back(ranked[rank]);
  return result;
}

}  // namespace schemactl::planner
