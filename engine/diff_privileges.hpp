// The diff of table and column privileges; grant_again is also the planner's, for
// the views it rebuilds.
#pragma once

#include "engine/diff.hpp"

namespace schemactl::engine {

// Appends the privileges granted, revoked and whose grant option changes, in the
// catalogs' order. A privilege on an object or column that is dropped goes with it,
// so it is not revoked first; a view dropped to be created again (by the changes
// already in `out`) gets its privileges granted anew.
void diff_privileges(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out);

// Appends a grant of each privilege `to` has on `object` (and its columns): for an
// object dropped and created again, which loses them.
void grant_again(const schema::QualifiedName& object, const schema::Catalog& to, std::vector<Change>& out);

}  // namespace schemactl::engine
