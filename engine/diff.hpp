// The difference between two catalogs, as typed changes. Pure data: which steps
// carry them out, and in what order, is the planner's business.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "engine/changes_attributes.hpp"
#include "engine/changes_partitions.hpp"
#include "engine/changes_policies.hpp"
#include "engine/changes_privileges.hpp"
#include "engine/changes_routines.hpp"
#include "engine/type_changes.hpp"
#include "schema/catalog.hpp"

namespace schemactl::engine {

struct SchemaAdded { std::string name; };
struct SchemaDropped { std::string name; };
struct TableAdded { schema::Table table; };
struct TableDropped { schema::Table table; };
struct ColumnAdded { schema::QualifiedName table; schema::Column column; };
struct ColumnDropped { schema::QualifiedName table; schema::Column column; };
struct ColumnChanged { schema::QualifiedName table; schema::Column from, to; };
struct ConstraintAdded { schema::QualifiedName table; schema::Constraint constraint; };
struct ConstraintDropped { schema::QualifiedName table; schema::Constraint constraint; };
struct IndexAdded { schema::QualifiedName table; schema::Index index; };
struct IndexDropped {
  schema::QualifiedName table;
  schema::Index index;
  bool redefined = false;  // an index of the same name is added back with another definition
};
struct SequenceAdded { schema::Sequence sequence; };
struct SequenceDropped { schema::Sequence sequence; };
struct SequenceChanged { schema::Sequence from, to; };
// Only from a schemactl:renamed-from annotation: see renames.hpp.
struct TableRenamed { schema::QualifiedName from, to; };
struct ColumnRenamed { schema::QualifiedName table; std::string from, to; };

using Change = std::variant<SchemaAdded, SchemaDropped, TableAdded, TableDropped, ColumnAdded,
                            ColumnDropped, ColumnChanged, ConstraintAdded, ConstraintDropped,
                            IndexAdded, IndexDropped, SequenceAdded, SequenceDropped,
                            SequenceChanged, ExtensionAdded, ExtensionDropped, ExtensionChanged,
                            EnumAdded, EnumDropped, EnumChanged, DomainAdded, DomainDropped,
                            DomainChanged, CompositeAdded, CompositeDropped, CompositeChanged, FunctionAdded,
                            FunctionDropped, FunctionReplaced, ViewAdded, ViewDropped, ViewReplaced,
                            TriggerAdded, TriggerDropped, TriggerReplaced, RowSecurityChanged, PolicyAdded,
                            PolicyDropped, PolicyChanged, TableRenamed, ColumnRenamed, TableSettingsChanged,
                            IndexSettingsChanged, PartitionIndexRenamed, CommentChanged, PartitionBoundChanged, PartitioningRedefined,
                            PrivilegeGranted, PrivilegeRevoked, GrantOptionChanged>;

// Changes that turn `from` into `to`, in a deterministic order (by object name).
// A constraint or index whose definition changed is a drop plus an add; a table's
// own constraints and indexes travel with TableAdded/TableDropped. Functions,
// views and triggers: see changes_routines.hpp; row-level security: changes_policies.hpp;
// comments and table settings, last: changes_attributes.hpp.
// partitioning: changes_partitions.hpp.
// privileges: changes_privileges.hpp.
std::vector<Change> diff(const schema::Catalog& from, const schema::Catalog& to);

}  // namespace schemactl::engine
