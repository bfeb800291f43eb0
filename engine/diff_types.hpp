// Internal to the diff: extensions, enums, domains and composite types.
#pragma once

#include "engine/diff.hpp"

namespace schemactl::engine {

// Appends the added, dropped and changed extensions and types, kind by kind, each
// kind by name.
void diff_types(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out);

}  // namespace schemactl::engine
