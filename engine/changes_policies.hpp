// Changes of row-level security: a table's ENABLE/FORCE switches and its policies.
#pragma once

#include "engine/type_changes.hpp"
#include "schema/catalog.hpp"

namespace schemactl::engine {

// A table's switches differ; `from` is all off when the table is new.
struct RowSecurityChanged {
  schema::QualifiedName table;
  schema::RowSecurity from, to;
};

using PolicyAdded = Added<schema::Policy>;
using PolicyDropped = Dropped<schema::Policy>;
using PolicyChanged = Changed<schema::Policy>;

}  // namespace schemactl::engine
