#include "engine/diff_privileges.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "engine/match_by_key.hpp"

namespace schemactl::engine {
namespace {

template <typename Relation>
const Relation* find_named(const std::vector<Relation>& relations, const schema::QualifiedName& name) {
  auto found = std::find_if(relations.begin(), relations.end(), [&](const Relation& r) { return r.name == name; });
  return found == relations.end() ? nullptr : &*found;
}

bool has_column(const std::vector<schema::Column>& columns, const std::string& name) {
  return std::any_of(columns.begin(), columns.end(), [&](const schema::Column& c) { return c.name == name; });
}

// Whether the object (and column) the privilege is on is still in `to`.
bool still_there(const schema::Catalog& to, const schema::Privilege& privilege) {
  if (const auto* table = find_named(to.tables, privilege.object))
    return privilege.column.empty() || has_column(table->columns, privilege.column);
  if (const auto* view = find_named(to.views, privilege.object))
    return privilege.column.empty() || has_column(view->columns, privilege.column);
  return find_named(to.sequences, privilege.object) != nullptr;
}

// The views the changes so far drop to create again: that takes their privileges.
std::set<schema::QualifiedName> recreated_views(const std::vector<Change>& changes) {
  std::set<schema::QualifiedName> views;
  for (const auto& change : changes)
    if (const auto* dropped = std::get_if<ViewDropped>(&change); dropped && dropped->redefined)
      views.insert(dropped->view.name);
  return views;
}

}  // namespace

void diff_privileges(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out) {
  auto recreated = recreated_views(out);
  for (const auto& view : recreated) grant_again(view, to, out);
  match_by_key(
      from.privileges, to.privileges,
      [](const schema::Privilege& p) { return std::tie(p.object, p.column, p.grantee, p.privilege); },
      [&](const schema::Privilege& p) {
        if (still_there(to, p) && !recreated.contains(p.object)) out.push_back(PrivilegeRevoked{p});
      },
      [&](const schema::Privilege& p) {
        if (!recreated.contains(p.object)) out.push_back(PrivilegeGranted{p});
      },
      [&](const schema::Privilege& a, const schema::Privilege& b) {
        if (!recreated.contains(b.object) && a.grantable != b.grantable) out.push_back(GrantOptionChanged{a, b});
      });
}

void grant_again(const schema::QualifiedName& object, const schema::Catalog& to, std::vector<Change>& out) {
  for (const auto& privilege : to.privileges)
    if (privilege.object == object) out.push_back(PrivilegeGranted{privilege});
}

}  // namespace schemactl::engine
