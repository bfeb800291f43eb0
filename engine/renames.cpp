#include "engine/renames.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

using schema::quote_ident;
using schema::quote_name;

// `sql` with every whole mention of `from` (quoted as PostgreSQL writes it) spelled `to`.
std::string rename_in(std::string sql, const std::string& from, const std::string& to) {
  for (std::size_t at = schema::find_name(sql, from); at != std::string::npos; at = schema::find_name(sql, from, at)) {
    sql.replace(at, from.size(), to);
    at += to.size();
  }
  return sql;
}

void rename_table(schema::Catalog& catalog, schema::Table& table, const schema::QualifiedName& to) {
  const std::string old_name = quote_name(table.name), new_name = quote_name(to);
  for (auto& index : table.indexes) index.definition = rename_in(index.definition, old_name, new_name);
  for (auto& other : catalog.tables) {
    for (auto& constraint : other.constraints) {
      constraint.index_definition = rename_in(constraint.index_definition, old_name, new_name);
      if (constraint.referenced_table != table.name) continue;
      constraint.referenced_table = to;
      constraint.definition = rename_in(constraint.definition, old_name, new_name);
    }
  }
  for (auto& sequence : catalog.sequences)
    if (sequence.owned_by && sequence.owned_by->table == table.name) sequence.owned_by->table = to;
  table.name = to;
}

void rename_column(schema::Catalog& catalog, schema::Table& table, schema::Column& column, const std::string& to) {
  const std::string old_name = quote_ident(column.name), new_name = quote_ident(to);
  auto rename_columns = [&](std::vector<std::string>& columns) {
    for (auto& name : columns)
      if (name == column.name) name = to;
  };
  for (auto& other : table.columns) other.generated = rename_in(other.generated, old_name, new_name);
  for (auto& index : table.indexes) {
    index.definition = rename_in(index.definition, old_name, new_name);
    index.predicate = rename_in(index.predicate, old_name, new_name);
    for (auto& key : index.key_expressions) key = rename_in(key, old_name, new_name);
  }
  for (auto& constraint : table.constraints) {
    constraint.definition = rename_in(constraint.definition, old_name, new_name);
    constraint.index_definition = rename_in(constraint.index_definition, old_name, new_name);
    rename_columns(constraint.columns);
  }
  for (auto& other : catalog.tables) {
    for (auto& constraint : other.constraints) {
      if (constraint.referenced_table != table.name) continue;
      constraint.definition = rename_in(constraint.definition, old_name, new_name);
      rename_columns(constraint.referenced_columns);
    }
  }
  for (auto& sequence : catalog.sequences)
    if (sequence.owned_by && sequence.owned_by->table == table.name && sequence.owned_by->column == column.name)
      sequence.owned_by->column = to;
  column.name = to;
}

template <typename Object>
bool applies(const Object* old_object, const Object* new_object, const std::string& old_name,
             const std::string& new_name) {
  if (old_object != nullptr && new_object != nullptr)
    throw std::runtime_error(fmt::format(
        "schemactl:renamed-from {} on {}: both exist in the database; drop one of them or remove the annotation",
        old_name, new_name));
  return old_object != nullptr;
}

}  // namespace

RenamedState apply_renames(const schema::Catalog& current, const schema::Renames& renames) {
  RenamedState state{current, {}};
  auto& catalog = state.current;
  auto find_table = [&](const schema::QualifiedName& name) -> schema::Table* {
    for (auto& table : catalog.tables)
      if (table.name == name) return &table;
    return nullptr;
  };
  for (const auto& rename : renames.tables) {
    schema::Table* table = find_table(rename.from);
    if (!applies(table, find_table(rename.to), quote_name(rename.from), quote_name(rename.to))) continue;
    rename_table(catalog, *table, rename.to);
    state.renames.push_back(TableRenamed{rename.from, rename.to});
  }
  for (const auto& rename : renames.columns) {
    schema::Table* table = find_table(rename.table);
    if (table == nullptr) continue;
    auto find_column = [&](const std::string& name) -> schema::Column* {
      for (auto& column : table->columns)
        if (column.name == name) return &column;
      return nullptr;
    };
    schema::Column* column = find_column(rename.from);
    const std::string table_name = quote_name(rename.table) + ".";
    if (!applies(column, find_column(rename.to), table_name + quote_ident(rename.from), table_name + quote_ident(rename.to)))
      continue;
    rename_column(catalog, *table, *column, rename.to);
    state.renames.push_back(ColumnRenamed{rename.table, rename.from, rename.to});
  }
  return state;
}

}  // namespace schemactl::engine
