#include "schema/topological_order.hpp"

#include <algorithm>
#include <set>

namespace schemactl::schema {

TopologicalOrder topological_order(const std::vector<std::vector<std::size_t>>& prerequisites) {
  std::size_t count = prerequisites.size();
  std::vector<std::vector<std::size_t>> users(count);
  std::vector<std::size_t> waiting_for(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    std::vector<std::size_t> unique = prerequisites[i];
    std::sort(unique.begin(), unique.end());
    unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
    for (std::size_t before : unique) {
      if (before == i) continue;
      users[before].push_back(i);
      ++waiting_for[i];
    }
  }
  std::set<std::size_t> ready;
  for (std::size_t i = 0; i < count; ++i)
    if (waiting_for[i] == 0) ready.insert(i);
  TopologicalOrder result;
  while (!ready.empty()) {
    std::size_t next = *ready.begin();
    ready.erase(ready.begin());
    result.order.push_back(next);
    for (std::size_t user : users[next])
      if (--waiting_for[user] == 0) ready.insert(user);
  }
  for (std::size_t i = 0; i < count; ++i)
    if (waiting_for[i] != 0) result.stuck.push_back(i);
  return result;
}

}  // namespace schemactl::schema
