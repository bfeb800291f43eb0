// Owners: which object's definition each part of a catalog belongs to, named as
// schema::Statement::owners names them ("rel:s.t", "func:s.f", "schema:s",
// "ext:e"): a column, constraint, index, trigger, policy, privilege or comment
// belongs to its relation. The desired-state cache (engine/desired_cache.hpp) keeps
// one catalog fragment per group of owners and rebuilds only the groups that changed.
#pragma once

#include <functional>
#include <unordered_map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

std::string relation_owner(const QualifiedName& relation);  // "rel:s.t"

// The owner of an object key (object_key.hpp: "col s.t.c", "trigger g ON s.t", ...)
// or of a comment target (comments.hpp: "COLUMN s.t.c", "FUNCTION s.f(integer)", ...).
std::string owner_of_key(std::string_view key);

// The group an owner belongs to; nullopt when no group holds it.
using GroupOf = std::function<std::optional<std::string>(const std::string& owner)>;

// Catalog fragments by group name.
using Fragments = std::unordered_map<std::string, Catalog>;

// The catalog's parts by group. nullopt when a part belongs to no group, or when the
// catalog lists unmanaged objects (they have no owner to file them under).
std::optional<Fragments> split_by_group(const Catalog& catalog, const GroupOf& group_of);

// Enough of a fragment for others to be created against it: its tables without
// their foreign keys (which would need their referenced tables too), indexes but
// the unique ones a foreign key may reference, and replica identity; without
// triggers, policies, privileges, comments, sequence ownership and dependencies;
// types, functions, sequences and views whole.
Catalog stub_of(Catalog fragment);

// The fragments as one catalog, each list in the order introspection reads it.
Catalog merge_fragments(std::vector<Catalog> fragments);

}  // namespace schemactl::schema
