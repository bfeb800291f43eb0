// Changes of comments and of tables' settings (schema/catalog_attributes.hpp).
#pragma once

#include <string>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// The comment on `target` (schema/comments.hpp) is set, changed or removed; ""
// means no comment.
struct CommentChanged {
  std::string target;
  std::string from, to;
};

// A table's persistence, storage parameters or replica identity differ. For a new
// table, whose CREATE TABLE carries the rest, only the replica identity does.
struct TableSettingsChanged {
  schema::QualifiedName table;
  schema::TableSettings from, to;
};

// An index's storage parameters differ, and nothing else does.
struct IndexSettingsChanged {
  schema::QualifiedName relation;
  schema::Index from, to;
};

}  // namespace schemactl::engine
