// The diff of functions, procedures, views, materialized views and triggers, and
// of the indexes of a table or materialized view. Part of engine::diff.
#pragma once

#include <vector>

#include "engine/diff.hpp"

namespace schemactl::engine {

// Appends the changes of the catalogs' functions, views and triggers to `out`.
void diff_routines(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out);

// Appends ViewAdded and, for a materialized view, IndexAdded for each of its indexes.
void add_view(const schema::View& view, std::vector<Change>& out);

// Appends the changes that turn one relation's indexes into another's to `out`; a
// redefined index is a drop (redefined) plus an add.
void diff_indexes(const schema::QualifiedName& relation, const std::vector<schema::Index>& from,
                  const std::vector<schema::Index>& to, std::vector<Change>& out);

}  // namespace schemactl::engine
