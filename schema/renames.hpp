// Renames declared in schema files: a `-- schemactl:renamed-from OLD` comment
// before (or on the line of) a CREATE TABLE renames the table; inside its column
// list, before or on the line of a column definition, it renames that column.
// The desired catalog is read back from a scratch database, so these travel beside it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "schema/qualified_name.hpp"

namespace schemactl::schema {

struct TableRename {
  QualifiedName from, to;
  bool operator==(const TableRename&) const = default;
};

struct ColumnRename {
  QualifiedName table;  // its name where the column is called `to`
  std::string from, to;
  bool operator==(const ColumnRename&) const = default;
};

struct Renames {
  std::vector<TableRename> tables;
  std::vector<ColumnRename> columns;
  bool empty() const { return tables.empty() && columns.empty(); }
};

// The annotations of one file. A malformed annotation, or one that attaches to no
// table or column, is a SchemaError at its file:line:col.
Renames read_renames(const std::string& file, std::string_view text);

// Every file's annotations, in file order.
Renames load_renames(const std::vector<std::filesystem::path>& files);

// The renames that undo these (for a down migration).
Renames reversed(const Renames& renames);

}  // namespace schemactl::schema
