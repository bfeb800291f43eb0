#include "schema/catalog_scope.hpp"

#include <map>
#include <stdexcept>
#include <vector>

#include "schema/catalog_owners.hpp"
#include "schema/names.hpp"

namespace schemactl::schema {
namespace {

// Partitions under their root partitioned table, owned sequences under their table.
std::map<std::string, std::string> groups_of(const Catalog& current, const Catalog& desired) {
  std::map<std::string, std::string> group;
  for (const Catalog* catalog : {&current, &desired}) {
    std::map<QualifiedName, QualifiedName> parent;
    for (const auto& table : catalog->tables)
      if (table.partition_of) parent[table.name] = table.partition_of->parent;
    for (const auto& table : catalog->tables) {
      QualifiedName root = table.name;
      for (auto up = parent.find(root); up != parent.end(); up = parent.find(root)) root = up->second;
      group[relation_owner(table.name)] = relation_owner(root);
    }
  }
  for (const Catalog* catalog : {&current, &desired})
    for (const auto& sequence : catalog->sequences)
      if (sequence.owned_by) {
        auto table = group.find(relation_owner(sequence.owned_by->table));
        group[relation_owner(sequence.name)] =
            table == group.end() ? relation_owner(sequence.owned_by->table) : table->second;
      }
  return group;
}

using Fragments = std::map<std::string, Catalog>;

Fragments split(const Catalog& catalog, const std::map<std::string, std::string>& group) {
  auto fragments = split_by_group(catalog, [&](const std::string& owner) -> std::optional<std::string> {
    auto found = group.find(owner);
    return found == group.end() ? owner : found->second;
  });
  if (!fragments) throw std::runtime_error("the copy holds objects schemactl does not manage");
  return *fragments;
}

const Catalog& fragment_of(const Fragments& fragments, const std::string& group) {
  static const Catalog none;
  auto found = fragments.find(group);
  return found == fragments.end() ? none : found->second;
}

bool is_relational(const Catalog& fragment) { return !fragment.tables.empty() || !fragment.views.empty(); }
bool follows_references(const Catalog& fragment) { return !fragment.views.empty() || !fragment.functions.empty(); }

}  // namespace

CatalogScope scope_between(const Catalog& current, const Catalog& desired) {
  CatalogScope scope;
  scope.group = groups_of(current, desired);
  Fragments before = split(current, scope.group);
  Fragments after = split(desired, scope.group);
  auto group_of = [&](const std::string& owner) {
    auto found = scope.group.find(owner);
    return found == scope.group.end() ? owner : found->second;
  };

  // Group-to-group references, from both states' dependencies.
  std::map<std::string, std::set<std::string>> references, referencers;
  for (const Catalog* catalog : {&current, &desired})
    for (const auto& dependency : catalog->dependencies) {
      std::string from = group_of(owner_of_key(dependency.dependent));
      std::string to = group_of(owner_of_key(dependency.referenced));
      if (from == to) continue;
      references[from].insert(to);
      referencers[to].insert(from);
    }

  // pg_depend's rows for a column's type are not in Catalog::dependencies: the
  // column types that name an enum, domain or composite type.
  for (const Catalog* catalog : {&current, &desired}) {
    std::map<std::string, std::string> type_group;
    for (const auto& type : catalog->enums) type_group[quote_name(type.name)] = group_of(relation_owner(type.name));
    for (const auto& type : catalog->domains) type_group[quote_name(type.name)] = group_of(relation_owner(type.name));
    for (const auto& type : catalog->composite_types)
      type_group[quote_name(type.name)] = group_of(relation_owner(type.name));
    auto use = [&](const QualifiedName& relation, std::string type) {
      while (type.ends_with("[]")) type.resize(type.size() - 2);
      auto found = type_group.find(type);
      std::string from = group_of(relation_owner(relation));
      if (found == type_group.end() || found->second == from) return;
      references[from].insert(found->second);
      referencers[found->second].insert(from);
    };
    for (const auto& table : catalog->tables)
      for (const auto& column : table.columns) use(table.name, column.type);
    for (const auto& view : catalog->views)
      for (const auto& column : view.columns) use(view.name, column.type);
  }

  std::vector<std::string> queue;
  std::set<std::string> changed;
  for (const Fragments* side : {&before, &after})
    for (const auto& [name, fragment] : *side) {
      if (fragment_of(before, name) != fragment_of(after, name) && changed.insert(name).second) queue.push_back(name);
      if (!is_relational(fragment)) scope.groups.insert(name);
    }
  scope.groups.insert(changed.begin(), changed.end());
  while (!queue.empty()) {
    std::string name = std::move(queue.back());
    queue.pop_back();
    if (!changed.contains(name) && !follows_references(fragment_of(before, name)) &&
        !follows_references(fragment_of(after, name)))
      continue;
    for (const auto& referencer : referencers[name])
      if (scope.groups.insert(referencer).second) queue.push_back(referencer);
  }

  // Stubs of the tables and views the scope references; a view's stub needs what it reads.
  for (const auto& name : scope.groups) queue.insert(queue.end(), references[name].begin(), references[name].end());
  while (!queue.empty()) {
    std::string name = std::move(queue.back());
    queue.pop_back();
    if (scope.groups.contains(name) || !scope.stubs.insert(name).second) continue;
    if (!fragment_of(before, name).views.empty()) queue.insert(queue.end(), references[name].begin(), references[name].end());
  }

  std::vector<Catalog> stubs;
  for (const auto& name : scope.stubs) stubs.push_back(stub_of(fragment_of(before, name)));
  std::vector<const Catalog*> copy, expected;
  for (const auto& name : scope.groups) {
    copy.push_back(&fragment_of(before, name));
    expected.push_back(&fragment_of(after, name));
  }
  for (const auto& stub : stubs) {
    copy.push_back(&stub);
    expected.push_back(&stub);
  }
  scope.copy = merge_fragments(copy);
  scope.expected = merge_fragments(expected);
  return scope;
}

Catalog read_back_in_scope(const Catalog& copy, const CatalogScope& scope) {
  Fragments fragments = split(copy, scope.group);
  std::vector<Catalog> stubs;
  std::vector<const Catalog*> parts;
  for (const auto& name : scope.groups) parts.push_back(&fragment_of(fragments, name));
  for (const auto& name : scope.stubs) stubs.push_back(stub_of(fragment_of(fragments, name)));
  for (const auto& stub : stubs) parts.push_back(&stub);
  return merge_fragments(parts);
}

}  // namespace schemactl::schema
