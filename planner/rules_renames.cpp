#include "planner/rules_renames.hpp"

#include <fmt/format.h>

#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;
using schema::quote_ident;
using schema::quote_name;

// Renames are metadata only and were asked for; what remains is that old
// application code using the old name breaks, which SC114 warns of.
constexpr std::string_view annotated = "rename asked for by a schemactl:renamed-from annotation";

void add_rename(StagedSteps& out, std::string sql, std::string object, std::string why) {
  add_step(out, Stage::rename, std::move(sql), TxMode::shared, std::move(object), std::move(why));
  out.back().planned.lint_ignore = std::string(annotated);
}

bool same_shape(const schema::Table& a, const schema::Table& b) {
  if (a.columns.size() != b.columns.size()) return false;
  for (std::size_t i = 0; i < a.columns.size(); ++i)
    if (a.columns[i].name != b.columns[i].name || a.columns[i].type != b.columns[i].type) return false;
  return true;
}

std::string annotation_name(const schema::QualifiedName& from, const schema::QualifiedName& to) {
  return from.schema == to.schema ? quote_ident(from.name) : quote_name(from);
}

}  // namespace

void plan_rename(const engine::TableRenamed& c, StagedSteps& out) {
  schema::QualifiedName moved{c.to.schema, c.from.name};
  if (c.from.schema != c.to.schema) {
    add_rename(out, fmt::format("ALTER TABLE {} SET SCHEMA {}", quote_name(c.from), quote_ident(c.to.schema)),
               quote_name(c.from), "table renamed into another schema: metadata only");
  }
  if (c.from.name != c.to.name) {
    add_rename(out, fmt::format("ALTER TABLE {} RENAME TO {}", quote_name(moved), quote_ident(c.to.name)),
               quote_name(c.to), "table renamed: metadata only, its rows stay");
  }
}

void plan_rename(const engine::ColumnRenamed& c, StagedSteps& out) {
  add_rename(out,
             fmt::format("ALTER TABLE {} RENAME COLUMN {} TO {}", quote_name(c.table), quote_ident(c.from),
                         quote_ident(c.to)),
             quote_name(c.table) + "." + quote_ident(c.to), "column renamed: metadata only, its values stay");
}

std::vector<std::string> rename_questions(const std::vector<engine::Change>& changes) {
  std::vector<std::string> questions;
  for (const auto& dropped_change : changes) {
    if (const auto* dropped = std::get_if<engine::TableDropped>(&dropped_change)) {
      for (const auto& added_change : changes) {
        const auto* added = std::get_if<engine::TableAdded>(&added_change);
        if (added == nullptr || !same_shape(dropped->table, added->table)) continue;
        questions.push_back(fmt::format(
            "table {} is dropped (DELETES_DATA) and {} with the same columns added: if it was renamed, write "
            "\"-- schemactl:renamed-from {}\" on the line before CREATE TABLE {}",
            quote_name(dropped->table.name), quote_name(added->table.name),
            annotation_name(dropped->table.name, added->table.name), quote_name(added->table.name)));
      }
    } else if (const auto* dropped = std::get_if<engine::ColumnDropped>(&dropped_change)) {
      for (const auto& added_change : changes) {
        const auto* added = std::get_if<engine::ColumnAdded>(&added_change);
        if (added == nullptr || added->table != dropped->table || added->column.type != dropped->column.type) continue;
        questions.push_back(fmt::format(
            "column {0}.{1} is dropped (DELETES_DATA) and {0}.{2} of the same type added: if it was renamed, write "
            "\"-- schemactl:renamed-from {1}\" on the line before the definition of {2}",
            quote_name(dropped->table), quote_ident(dropped->column.name), quote_ident(added->column.name)));
      }
    }
  }
  return questions;
}

}  // namespace schemactl::planner
