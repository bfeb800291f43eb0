#include "schema/catalog_scope.hpp"

#include <map>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "schema/catalog_owners.hpp"
#include "schema/ddl_routines.hpp"
#include "schema/names.hpp"
#include "schema/object_key.hpp"

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
  std::unordered_map<std::string, std::string> group_of_key;  // each key parsed once
  auto group_of_object = [&](const std::string& key) -> const std::string& {
    auto [at, inserted] = group_of_key.try_emplace(key);
    if (inserted) at->second = group_of(owner_of_key(key));
    return at->second;
  };
  for (const Catalog* catalog : {&current, &desired})
    for (const auto& dependency : catalog->dependencies) {
      const std::string& from = group_of_object(dependency.dependent);
      const std::string& to = group_of_object(dependency.referenced);
      if (from == to) continue;
      references[from].insert(to);
      referencers[to].insert(from);
    }

  // pg_depend's rows for the use of a type are not in Catalog::dependencies: the
  // columns, domains, attributes and signatures that name an enum, domain or
  // composite type.
  auto refer = [&](const std::string& from, const std::string& to) {
    if (from == to) return;
    references[from].insert(to);
    referencers[to].insert(from);
  };
  for (const Catalog* catalog : {&current, &desired}) {
    std::map<std::string, std::string> type_group;
    auto add_type = [&](const QualifiedName& name) { type_group[quote_name(name)] = group_of(relation_owner(name)); };
    for (const auto& type : catalog->enums) add_type(type.name);
    for (const auto& type : catalog->domains) add_type(type.name);
    for (const auto& type : catalog->composite_types) add_type(type.name);
    auto use = [&](const QualifiedName& user, std::string type) {
      while (type.ends_with("[]")) type.resize(type.size() - 2);
      if (auto found = type_group.find(type); found != type_group.end())
        refer(group_of(relation_owner(user)), found->second);
    };
    for (const auto& table : catalog->tables)
      for (const auto& column : table.columns) use(table.name, column.type);
    for (const auto& view : catalog->views)
      for (const auto& column : view.columns) use(view.name, column.type);
    for (const auto& domain : catalog->domains) use(domain.name, domain.base_type);
    // A domain's CHECK and default leave no pg_depend row that Catalog::dependencies
    // holds: the functions they name.
    for (const auto& domain : catalog->domains)
      for (const auto& function : catalog->functions)
        if (domain_calls(domain, function))
          refer(group_of(relation_owner(domain.name)), group_of(owner_of_key(function_key(function))));
    for (const auto& type : catalog->composite_types)
      for (const auto& attribute : type.attributes) use(type.name, attribute.type);
    for (const auto& function : catalog->functions) {
      std::string signature = function.arguments + " " + function.result;
      std::string from = group_of(owner_of_key(function_key(function)));
      for (const auto& [type, group] : type_group)
        if (signature.find(type) != std::string::npos) refer(from, group);
    }
  }

  std::vector<std::string> queue;
  std::set<std::string> changed;
  for (const Fragments* side : {&before, &after})
    for (const auto& [name, fragment] : *side) {
      if (fragment_of(before, name) != fragment_of(after, name) && changed.insert(name).second) queue.push_back(name);
      if (name.starts_with("schema:") || name.starts_with("ext:")) scope.groups.insert(name);
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

  // What the scope references: types, functions and sequences whole, and what they
  // reference in turn; tables and views as stubs, with the types, functions and
  // sequences a stub uses, and what a view's stub reads.
  for (const auto& name : scope.groups) queue.insert(queue.end(), references[name].begin(), references[name].end());
  while (!queue.empty()) {
    std::string name = std::move(queue.back());
    queue.pop_back();
    if (scope.groups.contains(name) || scope.stubs.contains(name)) continue;
    const Catalog& fragment = fragment_of(before, name);
    (is_relational(fragment) ? scope.stubs : scope.groups).insert(name);
    for (const auto& other : references[name])
      if (!is_relational(fragment) || !fragment.views.empty() || !is_relational(fragment_of(before, other)))
        queue.push_back(other);
  }

  std::vector<Catalog> copy, expected;
  for (const auto& name : scope.stubs) {
    copy.push_back(stub_of(std::move(before[name])));
    expected.push_back(copy.back());
  }
  for (const auto& name : scope.groups) {
    copy.push_back(std::move(before[name]));
    expected.push_back(std::move(after[name]));
  }
  scope.copy = merge_fragments(std::move(copy));
  scope.expected = merge_fragments(std::move(expected));
  return scope;
}

Catalog read_back_in_scope(const Catalog& copy, const CatalogScope& scope) {
  Fragments fragments = split(copy, scope.group);
  std::vector<Catalog> parts;
  // A stub reads back with the pg_depend rows building it made, and nothing else
  // stub_of leaves out: a foreign key, index, trigger or comment there is the plan's.
  for (const auto& name : scope.stubs) {
    parts.push_back(std::move(fragments[name]));
    parts.back().dependencies.clear();
  }
  for (const auto& name : scope.groups) parts.push_back(std::move(fragments[name]));
  return merge_fragments(std::move(parts));
}

}  // namespace schemactl::schema
