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

// A partition's index, attached to its parent's index, goes by another name: the
// names of indexes ATTACH PARTITION makes up are PostgreSQL's, not the schema's.
struct PartitionIndexRenamed {
  schema::QualifiedName partition;  // the index lives in its schema
  std::string from, to;
};

}  // namespace schemactl::engine
