// Kahn's algorithm with a deterministic tie-break, shared by everything that puts
// objects in dependency order: schema files, plan steps, the canonical script.
#pragma once

#include <cstddef>
#include <vector>

namespace schemactl::schema {

struct TopologicalOrder {
  std::vector<std::size_t> order;  // every item after its prerequisites
  std::vector<std::size_t> stuck;  // items left waiting: each is in, or behind, a cycle
};

// Items are 0..prerequisites.size()-1; prerequisites[i] lists what must come before
// i. Among the items ready at any point the smallest index goes first, so items
// that do not depend on each other keep their given order.
TopologicalOrder topological_order(const std::vector<std::vector<std::size_t>>& prerequisites);

}  // namespace schemactl::schema
