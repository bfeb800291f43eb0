#include "schema/catalog.hpp"

#include <algorithm>

namespace schemactl::schema {

const Table* find_table(const Catalog& catalog, const QualifiedName& name) {
  auto it = std::lower_bound(catalog.tables.begin(), catalog.tables.end(), name,
                             [](const Table& t, const QualifiedName& n) { return t.name < n; });
  return it != catalog.tables.end() && it->name == name ? &*it : nullptr;
}

const Column* find_column(const Table& table, std::string_view name) {
  auto it = std::find_if(table.columns.begin(), table.columns.end(),
                         [&](const Column& c) { return c.name == name; });
  return it != table.columns.end() ? &*it : nullptr;
}

}  // namespace schemactl::schema
