#include "engine/diff_types.hpp"

#include "engine/match_by_key.hpp"

namespace schemactl::engine {
namespace {

template <typename Object, typename Key>
void diff_objects(const std::vector<Object>& from, const std::vector<Object>& to, Key key_of,
                  std::vector<Change>& out) {
  match_by_key(
      from, to, key_of, [&](const Object& o) { out.push_back(Dropped<Object>{o}); },
      [&](const Object& o) { out.push_back(Added<Object>{o}); },
      [&](const Object& a, const Object& b) {
        if (!(a == b)) out.push_back(Changed<Object>{a, b});
      });
}

auto qualified_name = [](const auto& object) { return object.name; };

}  // namespace

void diff_types(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out) {
  diff_objects(from.extensions, to.extensions, [](const schema::Extension& e) { return e.name; }, out);
  diff_objects(from.enums, to.enums, qualified_name, out);
  diff_objects(from.domains, to.domains, qualified_name, out);
  diff_objects(from.composite_types, to.composite_types, qualified_name, out);
}

}  // namespace schemactl::engine
