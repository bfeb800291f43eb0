#include "engine/diff_comments.hpp"

#include <set>

#include "engine/match_by_key.hpp"
#include "schema/comments.hpp"

namespace schemactl::engine {

void diff_comments(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out) {
  std::set<std::string> kept;
  if (!from.comments.empty()) kept = schema::comment_targets(to);
  match_by_key(
      from.comments, to.comments, [](const schema::ObjectComment& c) { return c.target; },
      [&](const schema::ObjectComment& c) {
        if (kept.contains(c.target)) out.push_back(CommentChanged{c.target, c.text, ""});
      },
      [&](const schema::ObjectComment& c) { out.push_back(CommentChanged{c.target, "", c.text}); },
      [&](const schema::ObjectComment& a, const schema::ObjectComment& b) {
        if (a.text != b.text) out.push_back(CommentChanged{b.target, a.text, b.text});
      });
}

}  // namespace schemactl::engine
