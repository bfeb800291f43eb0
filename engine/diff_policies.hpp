// Internal to the diff: row-level security and policies.
#pragma once

#include "engine/diff.hpp"

namespace schemactl::engine {

// Appends the tables whose row-level security settings change (new tables with it
// on included), then the added, dropped and changed policies, by table and name.
void diff_policies(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out);

}  // namespace schemactl::engine
