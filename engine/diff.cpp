#include "engine/diff.hpp"

#include <map>

namespace schemactl::engine {
namespace {

// Walks two name-keyed collections and reports what is only in one, or in both.
template <typename Key, typename Item, typename OnlyFrom, typename OnlyTo, typename Both>
void match_by_key(const std::vector<Item>& from, const std::vector<Item>& to, Key key_of,
                  OnlyFrom only_from, OnlyTo only_to, Both both) {
  std::map<decltype(key_of(from.front())), const Item*> wanted;
  for (const auto& item : to) wanted.emplace(key_of(item), &item);
  for (const auto& item : from) {
    auto it = wanted.find(key_of(item));
    if (it == wanted.end()) {
      only_from(item);
    } else {
      both(item, *it->second);
      wanted.erase(it);
    }
  }
  for (const auto& item : to) {
    if (wanted.contains(key_of(item))) only_to(item);
  }
}

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
  match_by_key(
      from.indexes, to.indexes, [](const schema::Index& i) { return i.name; },
      [&](const schema::Index& i) { out.push_back(IndexDropped{name, i}); },
      [&](const schema::Index& i) { out.push_back(IndexAdded{name, i}); },
      [&](const schema::Index& a, const schema::Index& b) {
        if (a == b) return;
        out.push_back(IndexDropped{name, a, true});
        out.push_back(IndexAdded{name, b});
      });
}

}  // namespace

std::vector<Change> diff(const schema::Catalog& from, const schema::Catalog& to) {
  std::vector<Change> out;
  match_by_key(
      from.schemas, to.schemas, [](const std::string& s) { return s; },
      [&](const std::string& s) { out.push_back(SchemaDropped{s}); },
      [&](const std::string& s) { out.push_back(SchemaAdded{s}); },
      [](const std::string&, const std::string&) {});
  match_by_key(
      from.sequences, to.sequences, [](const schema::Sequence& s) { return s.name; },
      [&](const schema::Sequence& s) { out.push_back(SequenceDropped{s}); },
      [&](const schema::Sequence& s) { out.push_back(SequenceAdded{s}); },
      [&](const schema::Sequence& a, const schema::Sequence& b) {
        if (!(a == b)) out.push_back(SequenceChanged{a, b});
      });
  match_by_key(
      from.tables, to.tables, [](const schema::Table& t) { return t.name; },
      [&](const schema::Table& t) { out.push_back(TableDropped{t}); },
      [&](const schema::Table& t) { out.push_back(TableAdded{t}); },
      [&](const schema::Table& a, const schema::Table& b) {
        // Most tables are unchanged: one comparison instead of matching their parts.
        if (!(a == b)) diff_table(a, b, out);
      });
  return out;
}

}  // namespace schemactl::engine
