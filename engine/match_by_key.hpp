// Internal to the diff: walks two name-keyed collections.
#pragma once

#include <map>
#include <vector>

namespace schemactl::engine {

// Reports what is only in `from` (only_from), only in `to` (only_to), or in both
// (both(from_item, to_item)); in `from`'s order, then `to`'s.
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
