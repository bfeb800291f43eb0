// Annotated renames (schema/renames.hpp) against the current state: which apply,
// and the current catalog as it is once they ran, so the diff of the renamed
// objects shows only what else changed about them.
#pragma once

#include <vector>

#include "engine/diff.hpp"
#include "schema/catalog.hpp"
#include "schema/renames.hpp"

namespace schemactl::engine {

struct RenamedState {
  schema::Catalog current;         // after the renames
  std::vector<Change> renames;     // TableRenamed, then ColumnRenamed, in annotation order
};

// A rename applies when `current` has the old name and not the new one. When it
// has the new one the rename already ran (a stale annotation is harmless); when it
// has neither the object is simply created. Both: std::runtime_error naming both.
RenamedState apply_renames(const schema::Catalog& current, const schema::Renames& renames);

}  // namespace schemactl::engine
