#include "engine/introspect_names.hpp"

namespace schemactl::engine {
namespace {

std::uint64_t column_id(pqxx::oid relation, std::int32_t number) {
  return std::uint64_t{relation} << 32 | static_cast<std::uint32_t>(number);
}

}  // namespace

void ObjectNames::add_column(pqxx::oid relation, std::int32_t number, ColumnFacts column) {
  columns_.emplace(column_id(relation, number), std::move(column));
}

const ColumnFacts* ObjectNames::column(pqxx::oid relation, std::int32_t number) const {
  auto found = columns_.find(column_id(relation, number));
  return found == columns_.end() ? nullptr : &found->second;
}

}  // namespace schemactl::engine
