#include "engine/diff_routines.hpp"

#include <algorithm>
#include <tuple>

#include "engine/diff_table_settings.hpp"
#include "engine/match_by_key.hpp"

namespace schemactl::engine {
namespace {

// CREATE OR REPLACE FUNCTION keeps the kind, the argument names and defaults, and
// the result type; anything else needs a new function.
bool replaceable(const schema::Function& a, const schema::Function& b) {
  return a.procedure == b.procedure && a.arguments == b.arguments && a.result == b.result;
}

// CREATE OR REPLACE VIEW may only append columns: the old ones keep their position,
// name and type. Materialized views cannot be replaced at all.
bool replaceable(const schema::View& a, const schema::View& b) {
  if (a.materialized || b.materialized || b.columns.size() < a.columns.size()) return false;
  return std::equal(a.columns.begin(), a.columns.end(), b.columns.begin(),
                    [](const schema::Column& x, const schema::Column& y) { return x.name == y.name && x.type == y.type; });
}

// Whether a materialized view stays and only its indexes change.
bool same_but_indexes(const schema::View& a, const schema::View& b) {
  return std::tie(a.materialized, a.columns, a.options, a.definition, a.populated) ==
         std::tie(b.materialized, b.columns, b.options, b.definition, b.populated);
}

// The partitions' indexes attached to an index on both sides under other names.
void diff_attached_names(const schema::Index& a, const schema::Index& b, std::vector<Change>& out) {
  for (const auto& wanted : b.attached) {
    auto found = std::find_if(a.attached.begin(), a.attached.end(),
                              [&](const schema::AttachedIndex& have) { return have.table == wanted.table; });
    if (found != a.attached.end() && found->name != wanted.name)
      out.push_back(PartitionIndexRenamed{wanted.table, found->name, wanted.name});
  }
}

}  // namespace

void diff_indexes(const schema::QualifiedName& relation, const std::vector<schema::Index>& from,
                  const std::vector<schema::Index>& to, std::vector<Change>& out) {
  match_by_key(
      from, to, [](const schema::Index& i) { return i.name; },
      [&](const schema::Index& i) { out.push_back(IndexDropped{relation, i}); },
      [&](const schema::Index& i) { out.push_back(IndexAdded{relation, i}); },
      [&](const schema::Index& a, const schema::Index& b) {
        // Which partitions' indexes are attached follows from the partitions; their
        // names are renames, unless the index itself is built again.
        schema::Index renamed = a;
        renamed.attached = b.attached;
        if (renamed == b) return diff_attached_names(a, b, out);
        if (only_storage_parameters_differ(renamed, b)) {
          out.push_back(IndexSettingsChanged{relation, a, b});
          return diff_attached_names(a, b, out);
        }
        out.push_back(IndexDropped{relation, a, true});
        out.push_back(IndexAdded{relation, b});
      });
}

void add_view(const schema::View& view, std::vector<Change>& out) {
  out.push_back(ViewAdded{view});
  for (const auto& index : view.indexes) out.push_back(IndexAdded{view.name, index});
}

void diff_routines(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out) {
  match_by_key(
      from.functions, to.functions,
      [](const schema::Function& f) { return std::tie(f.name, f.identity_arguments); },
      [&](const schema::Function& f) { out.push_back(FunctionDropped{f}); },
      [&](const schema::Function& f) { out.push_back(FunctionAdded{f}); },
      [&](const schema::Function& a, const schema::Function& b) {
        if (a == b) return;
        if (replaceable(a, b)) {
          out.push_back(FunctionReplaced{a, b});
        } else {
          out.push_back(FunctionDropped{a, true});
          out.push_back(FunctionAdded{b});
        }
      });
  match_by_key(
      from.views, to.views, [](const schema::View& v) { return v.name; },
      [&](const schema::View& v) { out.push_back(ViewDropped{v}); },
      [&](const schema::View& v) { add_view(v, out); },
      [&](const schema::View& a, const schema::View& b) {
        if (a == b) return;
        if (same_but_indexes(a, b)) {
          diff_indexes(b.name, a.indexes, b.indexes, out);
        } else if (replaceable(a, b)) {
          out.push_back(ViewReplaced{a, b});
        } else {
          out.push_back(ViewDropped{a, true});
          add_view(b, out);
        }
      });
  match_by_key(
      from.triggers, to.triggers, [](const schema::Trigger& t) { return std::tie(t.table, t.name); },
      [&](const schema::Trigger& t) { out.push_back(TriggerDropped{t}); },
      [&](const schema::Trigger& t) { out.push_back(TriggerAdded{t}); },
      [&](const schema::Trigger& a, const schema::Trigger& b) {
        if (!(a == b)) out.push_back(TriggerReplaced{a, b});
      });
}

}  // namespace schemactl::engine
