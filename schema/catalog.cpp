#include "schema/catalog.hpp"

#include <algorithm>

namespace schemactl::schema {
namespace {

// Binary search of a vector sorted by name.
template <typename Item>
const Item* find_by_name(const std::vector<Item>& items, const QualifiedName& name) {
  auto it = std::lower_bound(items.begin(), items.end(), name,
                             [](const Item& item, const QualifiedName& n) { return item.name < n; });
  return it != items.end() && it->name == name ? &*it : nullptr;
}

}  // namespace

const Table* find_table(const Catalog& catalog, const QualifiedName& name) {
  return find_by_name(catalog.tables, name);
}

const Column* find_column(const Table& table, std::string_view name) {
  auto it = std::find_if(table.columns.begin(), table.columns.end(),
                         [&](const Column& c) { return c.name == name; });
  return it != table.columns.end() ? &*it : nullptr;
}

const View* find_view(const Catalog& catalog, const QualifiedName& name) { return find_by_name(catalog.views, name); }

}  // namespace schemactl::schema
