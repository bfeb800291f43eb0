#include "engine/introspect_names.hpp"

namespace schemactl::engine {

const schema::QualifiedName* ObjectNames::relation(pqxx::oid oid) const {
  if (auto table = tables.find(oid); table != tables.end()) return &table->second;
  if (auto view = views.find(oid); view != views.end()) return &view->second;
  return nullptr;
}

void ObjectNames::add_column(pqxx::oid relation, std::int32_t number, ColumnFacts column) {
  auto& columns = columns_[relation];
  auto at = static_cast<std::size_t>(number - 1);
  if (columns.size() <= at) columns.resize(at + 1);
  columns[at] = std::move(column);
}

const ColumnFacts* ObjectNames::column(pqxx::oid relation, std::int32_t number) const {
  auto found = columns_.find(relation);
  if (found == columns_.end() || number < 1 || static_cast<std::size_t>(number) > found->second.size()) return nullptr;
  const ColumnFacts& column = found->second[static_cast<std::size_t>(number - 1)];
  return column.name.empty() ? nullptr : &column;  // a dropped column's number
}

}  // namespace schemactl::engine
