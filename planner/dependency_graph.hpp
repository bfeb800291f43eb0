// Dependencies between the objects a plan touches, from pg_depend on both sides
// (schema::Catalog::dependencies), and what they mean for the plan: which
// dependent objects must be rebuilt around a change, and in what order steps run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

// The object keys (schema/object_key.hpp) a change creates (or alters in place),
// drops, or only needs to exist. A column whose type changes is dropped and
// created: whatever depends on it goes before and comes back after.
struct ObjectKeys {
  std::vector<std::string> creates;
  std::vector<std::string> drops;
  std::vector<std::string> uses;
};
ObjectKeys object_keys(const engine::Change& change);

// `changes` plus a drop and re-create of every view and trigger that depends
// (transitively, in `from`) on something a change drops, when the desired schema
// keeps it: PostgreSQL refuses to drop or retype what a view or trigger uses. A
// view that would have been replaced in place is rebuilt instead.
std::vector<engine::Change> with_dependents_rebuilt(std::vector<engine::Change> changes,
                                                    const schema::Catalog& from, const schema::Catalog& to);

// Whether the object `key` of the desired schema calls a function that does not
// exist before the plan runs (so no preflight query can use it yet).
bool calls_new_function(const std::string& key, const schema::Catalog& from, const schema::Catalog& to);

// One step to order: its stage and the index of the change it carries out.
struct StepNode {
  Stage stage;
  std::size_t change;
};

// The order to run the steps in (indexes into `steps`): by stage, then as given,
// except that a step runs after the steps of any other change that creates what
// its objects depend on (in `to`) or use, after the steps of a change that drops
// an object it creates again, and before the steps of a change that drops what its
// dropped objects depend on (in `from`). Throws std::logic_error on a cycle.
std::vector<std::size_t> order_steps(const std::vector<StepNode>& steps, const std::vector<ObjectKeys>& keys,
                                     const std::vector<schema::Dependency>& from,
                                     const std::vector<schema::Dependency>& to);

}  // namespace schemactl::planner
