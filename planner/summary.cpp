#include "planner/summary.hpp"

#include <fmt/format.h>

#include "schema/ddl.hpp"
#include "schema/ddl_policies.hpp"
#include "schema/ddl_privileges.hpp"
#include "schema/ddl_types.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using schema::quote_ident;
using schema::quote_name;

std::string column_name(const schema::QualifiedName& table, const schema::Column& column) {
  return quote_name(table) + "." + quote_ident(column.name);
}

struct Summarize {
  std::string operator()(const engine::SchemaAdded& c) { return "+ schema " + quote_ident(c.name); }
  std::string operator()(const engine::SchemaDropped& c) { return "- schema " + quote_ident(c.name); }
  std::string operator()(const engine::TableAdded& c) {
    if (c.table.partition_of)
      return fmt::format("+ partition {} of {} {}", quote_name(c.table.name), quote_name(c.table.partition_of->parent),
                         c.table.partition_of->bound);
    return fmt::format("+ table {} ({} columns)", quote_name(c.table.name), c.table.columns.size());
  }
  std::string operator()(const engine::PartitionBoundChanged& c) {
    return fmt::format("~ partition {}: {} -> {}", quote_name(c.table), c.from.bound, c.to.bound);
  }
  std::string operator()(const engine::PartitioningRedefined& c) {
    return fmt::format("~ table {}: {} -> {}", quote_name(c.table), c.from, c.to);
  }
  std::string operator()(const engine::TableDropped& c) { return "- table " + quote_name(c.table.name); }
  std::string operator()(const engine::ColumnAdded& c) {
    auto definition = schema::column_definition(c.column);
    return fmt::format("+ column {}{}", quote_name(c.table) + ".", definition);
  }
  std::string operator()(const engine::ColumnDropped& c) { return "- column " + column_name(c.table, c.column); }
  std::string operator()(const engine::ColumnChanged& c) {
    return fmt::format("~ column {}: {} -> {}", column_name(c.table, c.to),
                       schema::column_definition(c.from).substr(quote_ident(c.from.name).size() + 1),
                       schema::column_definition(c.to).substr(quote_ident(c.to.name).size() + 1));
  }
  std::string operator()(const engine::ConstraintAdded& c) {
    return fmt::format("+ constraint {} on {}: {}", quote_ident(c.constraint.name), quote_name(c.table),
                       c.constraint.definition);
  }
  std::string operator()(const engine::ConstraintDropped& c) {
    return fmt::format("- constraint {} on {}", quote_ident(c.constraint.name), quote_name(c.table));
  }
  std::string operator()(const engine::IndexAdded& c) { return "+ index: " + c.index.definition; }
  std::string operator()(const engine::IndexDropped& c) {
    return "- index " + quote_name({c.table.schema, c.index.name});
  }
  std::string operator()(const engine::SequenceAdded& c) { return "+ sequence " + quote_name(c.sequence.name); }
  std::string operator()(const engine::SequenceDropped& c) { return "- sequence " + quote_name(c.sequence.name); }
  std::string operator()(const engine::SequenceChanged& c) { return "~ sequence " + quote_name(c.to.name); }
  template <typename Object>
  std::string operator()(const engine::Added<Object>& c) { return "+ " + schema::label(c.object); }
  template <typename Object>
  std::string operator()(const engine::Dropped<Object>& c) { return "- " + schema::label(c.object); }
  template <typename Object>
  std::string operator()(const engine::Changed<Object>& c) { return "~ " + schema::label(c.to); }
  std::string operator()(const engine::RowSecurityChanged& c) {
    return fmt::format("~ row-level security of {}: {}{}", quote_name(c.table), c.to.enabled ? "enabled" : "disabled",
                       c.to.forced ? ", forced" : "");
  }
  std::string operator()(const engine::FunctionAdded& c) { return "+ " + routine(c.function); }
  std::string operator()(const engine::FunctionDropped& c) { return "- " + routine(c.function); }
  std::string operator()(const engine::FunctionReplaced& c) { return "~ " + routine(c.to); }
  std::string operator()(const engine::ViewAdded& c) { return "+ " + view(c.view); }
  std::string operator()(const engine::ViewDropped& c) { return "- " + view(c.view); }
  std::string operator()(const engine::ViewReplaced& c) { return "~ " + view(c.to); }
  std::string operator()(const engine::TriggerAdded& c) { return "+ " + trigger(c.trigger); }
  std::string operator()(const engine::TriggerDropped& c) { return "- " + trigger(c.trigger); }
  std::string operator()(const engine::TriggerReplaced& c) { return "~ " + trigger(c.to); }
  std::string operator()(const engine::TableSettingsChanged& c) { return "~ settings of table " + quote_name(c.table); }
  std::string operator()(const engine::IndexSettingsChanged& c) {
    return "~ storage parameters of index " + quote_name({c.relation.schema, c.to.name});
  }
  std::string operator()(const engine::PartitionIndexRenamed& c) {
    return fmt::format("~ index {} renamed to {}", quote_name({c.partition.schema, c.from}), quote_ident(c.to));
  }
  std::string operator()(const engine::CommentChanged& c) {
    return (c.to.empty() ? "- comment on " : c.from.empty() ? "+ comment on " : "~ comment on ") + c.target;
  }
  std::string operator()(const engine::TableRenamed& c) {
    return fmt::format("~ table {} renamed to {}", quote_name(c.from), quote_name(c.to));
  }
  std::string operator()(const engine::ColumnRenamed& c) {
    return fmt::format("~ column {}.{} renamed to {}", quote_name(c.table), quote_ident(c.from), quote_ident(c.to));
  }

  static std::string routine(const schema::Function& f) {
    return fmt::format("{} {}({})", f.procedure ? "procedure" : "function", quote_name(f.name), f.identity_arguments);
  }
  static std::string view(const schema::View& v) {
    return (v.materialized ? "materialized view " : "view ") + quote_name(v.name);
  }
  static std::string trigger(const schema::Trigger& t) {
    return fmt::format("trigger {} on {}", quote_ident(t.name), quote_name(t.table));
  }
};

}  // namespace

std::vector<std::string> summarize(const std::vector<engine::Change>& changes) {
  std::vector<std::string> lines;
  for (const auto& change : changes) lines.push_back(std::visit(Summarize{}, change));
  return lines;
}

}  // namespace schemactl::planner
