#include "engine/diff.hpp"

#include "engine/diff_comments.hpp"
#include "engine/diff_partitions.hpp"
#include "engine/diff_policies.hpp"
#include "engine/diff_privileges.hpp"
#include "engine/diff_routines.hpp"
#include "engine/diff_table_settings.hpp"
#include "engine/diff_types.hpp"
#include "engine/match_by_key.hpp"

namespace schemactl::engine {
namespace {

void diff_table(const schema::Table& from, const schema::Table& to, std::vector<Change>& out) {
  const auto& name = to.name;
  match_by_key(
      from.columns, to.columns, [](const schema::Column& c) { return c.name; },
      [&](const schema::Column& c) { out.push_back(ColumnDropped{name, c}); },
      [&](const schema::Column& c) { out.push_back(ColumnAdded{name, c}); },
      [&](const schema::Column& a, const schema::Column& b) {
        if (!(a == b)) out.push_back(ColumnChanged{name, a, b});
      });
  match_by_key(
      from.constraints, to.constraints, [](const schema::Constraint& c) { return c.name; },
      [&](const schema::Constraint& c) { out.push_back(ConstraintDropped{name, c}); },
      [&](const schema::Constraint& c) { out.push_back(ConstraintAdded{name, c}); },
      [&](const schema::Constraint& a, const schema::Constraint& b) {
        if (a == b) return;
        out.push_back(ConstraintDropped{name, a});
        out.push_back(ConstraintAdded{name, b});
      });
  diff_indexes(name, from.indexes, to.indexes, out);
}

}  // namespace

std::vector<Change> diff(const schema::Catalog& from, const schema::Catalog& to) {
  std::vector<Change> out;
  match_by_key(
      from.schemas, to.schemas, [](const std::string& s) { return s; },
      [&](const std::string& s) { out.push_back(SchemaDropped{s}); },
      [&](const std::string& s) { out.push_back(SchemaAdded{s}); },
      [](const std::string&, const std::string&) {});
  diff_types(from, to, out);
  match_by_key(
      from.sequences, to.sequences, [](const schema::Sequence& s) { return s.name; },
      [&](const schema::Sequence& s) { out.push_back(SequenceDropped{s}); },
      [&](const schema::Sequence& s) { out.push_back(SequenceAdded{s}); },
      [&](const schema::Sequence& a, const schema::Sequence& b) {
        if (!(a == b)) out.push_back(SequenceChanged{a, b});
      });
  match_by_key(
      from.tables, to.tables, [](const schema::Table& t) { return t.name; },
      [&](const schema::Table& t) {
        // A foreign key to another dropped table is dropped first, on its own: two
        // dropped tables may reference each other, and neither could go first.
        schema::Table dropped = t;
        std::erase_if(dropped.constraints, [&](const schema::Constraint& c) {
          bool to_dropped_table = c.kind == schema::ConstraintKind::foreign_key && c.referenced_table != t.name &&
                                  !schema::find_table(to, c.referenced_table);
          if (to_dropped_table) out.push_back(ConstraintDropped{t.name, c});
          return to_dropped_table;
        });
        out.push_back(TableDropped{std::move(dropped)});
      },
      [&](const schema::Table& t) { out.push_back(TableAdded{t}); },
      [&](const schema::Table& a, const schema::Table& b) {
        // Most tables are unchanged: one comparison instead of matching their parts.
        if (a == b) return;
        diff_partitioning(a, b, out);
        diff_table(a, b, out);
      });
  diff_routines(from, to, out);
  diff_policies(from, to, out);
  diff_table_settings(from, to, out);
  diff_comments(from, to, out);
  diff_privileges(from, to, out);
  return out;
}

}  // namespace schemactl::engine
