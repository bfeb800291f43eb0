// The online rule for comments: COMMENT ON ... IS, metadata only, no hazard, once
// every object is created (Stage::comment).
#pragma once

#include <vector>

#include "engine/diff.hpp"
#include "planner/staged_step.hpp"

namespace schemactl::planner {

void plan_comment_change(const engine::CommentChanged& change, StagedSteps& out);

// `changes` plus a CommentChanged that sets its comment again on every object the
// changes drop to create again (a redefined view, function, trigger, policy, index,
// constraint or type), when the desired schema comments it and no change sets it.
std::vector<engine::Change> with_comments_restored(std::vector<engine::Change> changes, const schema::Catalog& to);

}  // namespace schemactl::planner
