#include "planner/plan.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "planner/dependency_graph.hpp"
#include "engine/renames.hpp"
#include "planner/rules.hpp"
#include "planner/rules_comments.hpp"
#include "planner/rules_renames.hpp"
#include "planner/summary.hpp"

namespace schemactl::planner {
namespace {

Phase phase_of(Stage stage) { return stage >= first_contract_stage ? Phase::contract : Phase::expand; }

// Quick metadata statements get the statement timeout; statements that scan or
// build (own transaction, or none) run as long as they need, and a backfill's
// timeout bounds each batch.
void set_timeouts(engine::Step& step, const PlanOptions& options) {
  step.lock_timeout = options.lock_timeout;
  bool bounded = step.tx == engine::TxMode::shared || step.backfill.has_value();
  step.statement_timeout = bounded ? options.statement_timeout : std::chrono::milliseconds{0};
}

std::vector<std::string> unmanaged_warnings(const schema::Catalog& from, const schema::Catalog& to) {
  std::vector<std::string> warnings;
  for (const auto& object : to.unmanaged) {
    warnings.push_back(fmt::format("{} {} is declared but schemactl does not manage {}s yet: not planned",
                                   object.kind, object.name, object.kind));
  }
  for (const auto& object : from.unmanaged) {
    if (std::find(to.unmanaged.begin(), to.unmanaged.end(), object) != to.unmanaged.end()) continue;
    warnings.push_back(fmt::format("{} {} exists in the database but schemactl does not manage {}s yet: left as is",
                                   object.kind, object.name, object.kind));
  }
  return warnings;
}

}  // namespace

std::string_view phase_name(Phase phase) { return phase == Phase::expand ? "expand" : "contract"; }

std::set<Hazard> Plan::hazards() const {
  std::set<Hazard> all;
  for (const auto& step : steps) all.insert(step.hazards.begin(), step.hazards.end());
  return all;
}

Plan plan_changes(const schema::Catalog& current, const schema::Catalog& to, const PlanOptions& options,
                  const schema::Renames& renames) {
  // The rules see the current state as it is once the renames ran.
  auto [from, changes] = engine::apply_renames(current, renames);
  auto diffed = with_comments_restored(
      with_column_parts_restored(with_dependents_rebuilt(engine::diff(from, to), from, to), to), to);
  changes.insert(changes.end(), diffed.begin(), diffed.end());
  StagedSteps staged;
  std::vector<StepNode> nodes;
  std::vector<ObjectKeys> keys;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    plan_change(changes[i], from, to, staged);
    while (nodes.size() < staged.size()) nodes.push_back({staged[nodes.size()].stage, i});
    keys.push_back(object_keys(changes[i]));
  }
  Plan plan;
  for (std::size_t i : order_steps(nodes, keys, from.dependencies, to.dependencies)) {
    auto& planned = staged[i].planned;
    planned.phase = phase_of(staged[i].stage);
    set_timeouts(planned.step, options);
    plan.steps.push_back(std::move(planned));
  }
  // A contract step that an expand step must wait for (a view dropped before the
  // column it reads changes type) runs before the deploy too.
  bool expand_follows = false;
  for (auto step = plan.steps.rbegin(); step != plan.steps.rend(); ++step) {
    if (expand_follows) step->phase = Phase::expand;
    expand_follows = expand_follows || step->phase == Phase::expand;
  }
  plan.summary = summarize(changes);
  plan.warnings = unmanaged_warnings(from, to);
  for (auto& question : rename_questions(changes)) plan.warnings.push_back(std::move(question));
  return plan;
}

std::vector<Hazard> refused_hazards(const Plan& plan, const std::set<Hazard>& allowed) {
  std::vector<Hazard> refused;
  for (auto hazard : plan.hazards()) {
    if (!allowed.contains(hazard)) refused.push_back(hazard);
  }
  return refused;
}

}  // namespace schemactl::planner
