#include "planner/rules_comments.hpp"

#include <map>
#include <set>

#include "planner/rules.hpp"
#include "planner/rules_types.hpp"
#include "schema/comments.hpp"

namespace schemactl::planner {
namespace {

using schema::comment_target;

// The comment targets a change drops, possibly to create them again.
struct DroppedTargets {
  std::vector<std::string> operator()(const engine::ViewDropped& c) const {
    std::vector<std::string> targets{schema::view_comment_target(c.view)};
    for (const auto& column : c.view.columns) targets.push_back(comment_target("COLUMN", c.view.name, column.name));
    for (const auto& index : c.view.indexes) targets.push_back(comment_target("INDEX", {c.view.name.schema, index.name}));
    return targets;
  }
  std::vector<std::string> operator()(const engine::FunctionDropped& c) const {
    return {schema::function_comment_target(c.function)};
  }
  std::vector<std::string> operator()(const engine::TriggerDropped& c) const {
    return {comment_target("TRIGGER", c.trigger.table, c.trigger.name)};
  }
  std::vector<std::string> operator()(const engine::TriggerReplaced& c) const {
    return {comment_target("TRIGGER", c.from.table, c.from.name)};
  }
  std::vector<std::string> operator()(const engine::PolicyChanged& c) const {
    return {comment_target("POLICY", c.from.table, c.from.name)};
  }
  std::vector<std::string> operator()(const engine::IndexDropped& c) const {
    return schema::index_comment_targets(c.table, c.index);
  }
  std::vector<std::string> operator()(const engine::ConstraintDropped& c) const {
    std::vector<std::string> targets{comment_target("CONSTRAINT", c.table, c.constraint.name)};
    if (schema::has_index(c.constraint)) targets.push_back(schema::constraint_index_comment_target(c.table, c.constraint));
    return targets;
  }
  std::vector<std::string> operator()(const engine::ColumnChanged& c) const {
    if (!recreates_column(c)) return {};
    return {comment_target("COLUMN", c.table, c.to.name)};
  }
  // An enum or domain may be swapped for a new one, a composite type recreated.
  std::vector<std::string> operator()(const engine::EnumChanged& c) const { return {comment_target("TYPE", c.from.name)}; }
  std::vector<std::string> operator()(const engine::CompositeChanged& c) const {
    std::vector<std::string> targets{comment_target("TYPE", c.from.name)};
    if (recreates_composite(c))
      for (const auto& attribute : c.to.attributes) targets.push_back(comment_target("COLUMN", c.to.name, attribute.name));
    return targets;
  }
  std::vector<std::string> operator()(const engine::DomainChanged& c) const {
    std::vector<std::string> targets{comment_target("DOMAIN", c.from.name)};
    for (const auto& constraint : c.from.constraints)
      targets.push_back(comment_target("DOMAIN CONSTRAINT", c.from.name, constraint.name));
    return targets;
  }
  template <typename Other>
  std::vector<std::string> operator()(const Other&) const {
    return {};
  }
};

}  // namespace

void plan_comment_change(const engine::CommentChanged& c, StagedSteps& out) {
  add_step(out, Stage::comment, schema::comment_sql(c.target, c.to), engine::TxMode::shared, c.target,
           c.to.empty() ? "metadata only" : "metadata only, once the object exists");
}

std::vector<engine::Change> with_comments_restored(std::vector<engine::Change> changes, const schema::Catalog& to) {
  std::set<std::string> planned;
  for (const auto& change : changes)
    if (const auto* c = std::get_if<engine::CommentChanged>(&change)) planned.insert(c->target);
  std::map<std::string, std::string> wanted;
  for (const auto& comment : to.comments) wanted.emplace(comment.target, comment.text);
  std::set<std::string> restored;
  for (const auto& change : changes)
    for (auto& target : std::visit(DroppedTargets{}, change))
      if (wanted.contains(target) && !planned.contains(target)) restored.insert(std::move(target));
  for (const auto& target : restored) changes.push_back(engine::CommentChanged{target, "", wanted.at(target)});
  return changes;
}

}  // namespace schemactl::planner
