// Pairs up the items of two keyed collections, for the diff.
#pragma once

#include <map>
#include <vector>

namespace schemactl::engine {

// Walks two collections and reports what is only in `from`, only in `to`, or in both.
template <typename Key, typename Item, typename OnlyFrom, typename OnlyTo, typename Both>
void match_by_key(const std::vector<Item>& from, const std::vector<Item>& to, Key key_of,
                  OnlyFrom only_from, OnlyTo only_to, Both both) {
  std::map<decltype(key_of(from.front())), const Item*> wanted;
  for (const auto& item : to) wanted.emplace(key_of(item), &item);
  for (const auto& item : from) {
    auto it = wanted.find(key_of(item));
    if (it == wanted.end()) {
      only_from(item);
    } else {
      both(item, *it->second);
      wanted.erase(it);
    }
  }
  for (const auto& item : to) {
    if (wanted.contains(key_of(item))) only_to(item);
  }
}

}  // namespace schemactl::engine
