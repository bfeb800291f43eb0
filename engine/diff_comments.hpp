// Internal to the diff: comments.
#pragma once

#include "engine/diff.hpp"

namespace schemactl::engine {

// Appends a CommentChanged for every target whose comment differs, by target. A
// comment is removed only from an object the desired schema keeps: one dropped
// takes its comment with it.
void diff_comments(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out);

}  // namespace schemactl::engine
