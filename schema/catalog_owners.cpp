#include "schema/catalog_owners.hpp"

#include <algorithm>
#include <iterator>
#include <tuple>

#include <fmt/format.h>

namespace schemactl::schema {
namespace {

// The dot-separated identifiers at the start of `text` (quoted as quote_ident does,
// or bare), up to a '(' or a space; `text` is left after them.
std::vector<std::string> read_name(std::string_view& text) {
  std::vector<std::string> parts;
  std::string part;
  std::size_t at = 0;
  while (at < text.size()) {
    char c = text[at];
    if (c == '"') {
      for (++at; at < text.size(); ++at) {
        if (text[at] == '"' && (at + 1 >= text.size() || text[at + 1] != '"')) break;
        if (text[at] == '"') ++at;
        part += text[at];
      }
      ++at;
    } else if (c == '.') {
      parts.push_back(std::move(part));
      part.clear();
      ++at;
    } else if (c == '(' || c == ' ') {
      break;
    } else {
      part += c;
      ++at;
    }
  }
  parts.push_back(std::move(part));
  text.remove_prefix(std::min(at, text.size()));
  return parts;
}

std::string owner(std::string_view category, const std::vector<std::string>& parts) {
  if (parts.size() < 2) return fmt::format("{}:{}", category, parts.empty() ? "" : parts.back());
  return fmt::format("{}:{}.{}", category, parts[parts.size() - 2], parts.back());
}

// Where " ON " starts outside quotes, or npos.
std::size_t find_on(std::string_view key) {
  bool quoted = false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (key[i] == '"') quoted = !quoted;
    else if (!quoted && key.substr(i, 4) == " ON ") return i;
  }
  return std::string_view::npos;
}

template <class T>
void sort_by(std::vector<T>& list, auto key) {
  std::stable_sort(list.begin(), list.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

}  // namespace

std::string relation_owner(const QualifiedName& relation) { return owner("rel", {relation.schema, relation.name}); }

std::string owner_of_key(std::string_view key) {
  if (std::size_t on = find_on(key); on != std::string_view::npos) {  // a part of a relation or domain
    std::string_view relation = key.substr(on + 4);
    if (relation.starts_with("DOMAIN ")) relation.remove_prefix(7);  // CONSTRAINT c ON DOMAIN d
    return owner("rel", read_name(relation));
  }
  // The kind: lower-case words of object keys, upper-case ones of comment targets.
  std::string kind;
  std::size_t space;
  while ((space = key.find(' ')) != std::string_view::npos && key.front() != '"' &&
         key.substr(0, space).find('.') == std::string_view::npos) {
    kind += (kind.empty() ? "" : " ") + std::string(key.substr(0, space));
    key.remove_prefix(space + 1);
  }
  std::vector<std::string> parts = read_name(key);
  if (kind == "SCHEMA") return "schema:" + parts.back();
  if (kind == "EXTENSION") return "ext:" + parts.back();
  if (kind == "func" || kind == "FUNCTION" || kind == "PROCEDURE") return owner("func", parts);
  if (kind == "col" || kind == "COLUMN") parts.pop_back();
  return owner("rel", parts);
}

std::optional<Fragments> split_by_group(const Catalog& catalog, const GroupOf& group_of) {
  if (!catalog.unmanaged.empty()) return std::nullopt;
  Fragments groups;
  bool complete = true;
  // Consecutive parts mostly share an owner (a table's, in order): it is looked up once.
  std::string last_owner;
  Catalog* last = nullptr;
  // The fragment for `owner`'s group, else for `fallback`'s.
  auto fragment = [&](const std::string& owner, const std::string& fallback = {}) -> Catalog* {
    if (last && fallback.empty() && owner == last_owner) return last;
    auto group = group_of(owner);
    if (!group && !fallback.empty()) group = group_of(fallback);
    if (!group) {
      complete = false;
      return nullptr;
    }
    Catalog* found = &groups[*group];  // unordered_map nodes stay put
    if (fallback.empty()) {
      last_owner = owner;
      last = found;
    }
    return found;
  };
  auto file = [&](auto member, const auto& item, const std::string& owner, const std::string& fallback = {}) {
    if (Catalog* into = fragment(owner, fallback)) (into->*member).push_back(item);
  };
  for (const auto& schema : catalog.schemas) file(&Catalog::schemas, schema, "schema:" + schema);
  for (const auto& table : catalog.tables) file(&Catalog::tables, table, relation_owner(table.name));
  // A serial column's sequence is created by its table's statement.
  for (const auto& sequence : catalog.sequences)
    file(&Catalog::sequences, sequence, relation_owner(sequence.name),
         sequence.owned_by ? relation_owner(sequence.owned_by->table) : "");
  for (const auto& extension : catalog.extensions) file(&Catalog::extensions, extension, "ext:" + extension.name);
  for (const auto& type : catalog.enums) file(&Catalog::enums, type, relation_owner(type.name));
  for (const auto& domain : catalog.domains) file(&Catalog::domains, domain, relation_owner(domain.name));
  for (const auto& type : catalog.composite_types) file(&Catalog::composite_types, type, relation_owner(type.name));
  for (const auto& function : catalog.functions)
    file(&Catalog::functions, function, owner("func", {function.name.schema, function.name.name}));
  for (const auto& view : catalog.views) file(&Catalog::views, view, relation_owner(view.name));
  for (const auto& trigger : catalog.triggers) file(&Catalog::triggers, trigger, relation_owner(trigger.table));
  for (const auto& policy : catalog.policies) file(&Catalog::policies, policy, relation_owner(policy.table));
  for (const auto& privilege : catalog.privileges)
    file(&Catalog::privileges, privilege, relation_owner(privilege.object));
  // Sorted by dependent: a relation's rows come together, and are parsed once.
  std::string dependent, owner_of_dependent;
  for (const auto& dependency : catalog.dependencies) {
    if (dependency.dependent != dependent) owner_of_dependent = owner_of_key(dependent = dependency.dependent);
    file(&Catalog::dependencies, dependency, owner_of_dependent);
  }
  for (const auto& comment : catalog.comments) file(&Catalog::comments, comment, owner_of_key(comment.target));
  if (!complete) return std::nullopt;
  return groups;
}

Catalog stub_of(Catalog fragment) {
  for (auto& table : fragment.tables) {
    std::erase_if(table.constraints,
                  [](const auto& constraint) { return constraint.kind == ConstraintKind::foreign_key; });
    std::erase_if(table.indexes, [](const auto& index) { return !index.unique; });
    table.settings.replica_identity = ReplicaIdentity::default_key;  // its index may be gone
    table.settings.replica_identity_index.clear();
  }
  for (auto& sequence : fragment.sequences) sequence.owned_by.reset();
  fragment.schemas.clear();
  fragment.triggers.clear();
  fragment.policies.clear();
  fragment.privileges.clear();
  fragment.comments.clear();
  fragment.dependencies.clear();
  return fragment;
}

Catalog merge_fragments(std::vector<Catalog> fragments) {
  Catalog merged;
  auto append = [](auto& into, auto& from) { std::move(from.begin(), from.end(), std::back_inserter(into)); };
  for (Catalog& fragment : fragments) {
    append(merged.schemas, fragment.schemas);
    append(merged.tables, fragment.tables);
    append(merged.sequences, fragment.sequences);
    append(merged.extensions, fragment.extensions);
    append(merged.enums, fragment.enums);
    append(merged.domains, fragment.domains);
    append(merged.composite_types, fragment.composite_types);
    append(merged.functions, fragment.functions);
    append(merged.views, fragment.views);
    append(merged.triggers, fragment.triggers);
    append(merged.policies, fragment.policies);
    append(merged.privileges, fragment.privileges);
    append(merged.dependencies, fragment.dependencies);
    append(merged.comments, fragment.comments);
  }
  std::sort(merged.schemas.begin(), merged.schemas.end());
  auto by_name = [](const auto& item) -> const auto& { return item.name; };
  sort_by(merged.tables, by_name);
  sort_by(merged.sequences, by_name);
  sort_by(merged.extensions, by_name);
  sort_by(merged.enums, by_name);
  sort_by(merged.domains, by_name);
  sort_by(merged.composite_types, by_name);
  sort_by(merged.functions, [](const Function& f) { return std::tie(f.name, f.identity_arguments); });
  sort_by(merged.views, by_name);
  sort_by(merged.triggers, [](const Trigger& t) { return std::tie(t.table, t.name); });
  sort_by(merged.policies, [](const Policy& p) { return std::tie(p.table, p.name); });
  sort_by(merged.privileges, [](const Privilege& p) { return std::tie(p.object, p.column, p.grantee, p.privilege); });
  std::sort(merged.dependencies.begin(), merged.dependencies.end());
  sort_by(merged.comments, [](const ObjectComment& c) -> const std::string& { return c.target; });
  return merged;
}

}  // namespace schemactl::schema
