// Dependency ordering: order_steps on hand-made nodes, the rebuild of dependent
// views and triggers, and whole plans on hand-built catalogs. (Every case is also
// proven on a real database by the view_*, function_*, trigger_* scenarios.)
#include <catch2/catch.hpp>

#include <stdexcept>

#include "planner/dependency_graph.hpp"
#include "planner/plan.hpp"
#include "schema/object_key.hpp"
#include "schema/topological_order.hpp"

using namespace schemactl;
using planner::ObjectKeys;
using planner::Stage;
using planner::StepNode;
using schema::Dependency;

namespace {

const schema::QualifiedName accounts{"public", "accounts"};

schema::Table accounts_table(std::string balance_type) {
  return {.name = accounts,
          .columns = {{.name = "id", .type = "bigint", .not_null = true},
                      {.name = "balance", .type = std::move(balance_type)}}};
}

schema::View view(std::string name, std::string definition) {
  return {.name = {"public", std::move(name)}, .columns = {{.name = "balance", .type = "integer"}},
          .definition = std::move(definition)};
}

// accounts.balance <- rich <- richer, and a trigger naming the column.
schema::Catalog bank(std::string balance_type) {
  schema::Catalog catalog;
  catalog.schemas = {"public"};
  catalog.tables = {accounts_table(std::move(balance_type))};
  catalog.views = {view("rich", " SELECT balance FROM public.accounts;"), view("richer", " SELECT balance FROM public.rich;")};
  catalog.functions = {{.name = {"public", "audit"}, .result = "trigger",
                        .definition = "CREATE OR REPLACE FUNCTION public.audit() RETURNS trigger ..."}};
  catalog.triggers = {{.table = accounts, .name = "audit_balance",
                       .definition = "CREATE TRIGGER audit_balance AFTER UPDATE OF balance ON public.accounts ..."}};
  auto balance = schema::column_key(accounts, "balance");
  auto rich = schema::relation_key({"public", "rich"});
  auto trigger = schema::trigger_key(accounts, "audit_balance");
  catalog.dependencies = {{rich, balance},
                          {schema::relation_key({"public", "richer"}), rich},
                          {trigger, balance},
                          {trigger, schema::function_key({"public", "audit"}, "")}};
  std::sort(catalog.dependencies.begin(), catalog.dependencies.end());
  return catalog;
}

std::vector<std::string> sql_of(const planner::Plan& plan) {
  std::vector<std::string> sql;
  for (const auto& step : plan.steps) sql.push_back(step.step.sql.substr(0, step.step.sql.find('\n')));
  return sql;
}

}  // namespace

TEST_CASE("topological order keeps the given order of items that do not depend on each other", "[dependency]") {
  auto result = schema::topological_order({{}, {3}, {}, {}});
  CHECK(result.order == std::vector<std::size_t>{0, 2, 3, 1});
  CHECK(result.stuck.empty());
  CHECK(schema::topological_order({{1}, {0}, {}}).stuck == std::vector<std::size_t>{0, 1});
}

TEST_CASE("without dependencies steps run by stage, ties in the given order", "[dependency]") {
  std::vector<StepNode> steps = {{Stage::create_view, 0}, {Stage::create_function, 1}, {Stage::create_view, 2}};
  CHECK(planner::order_steps(steps, {{}, {}, {}}, {}, {}) == std::vector<std::size_t>{1, 0, 2});
}

TEST_CASE("a step runs after the change that creates what it depends on, even from a later stage", "[dependency]") {
  // A function returning a new table's row type: the table first.
  std::vector<StepNode> steps = {{Stage::create_function, 0}, {Stage::create_table, 1}, {Stage::create_table, 2}};
  std::vector<ObjectKeys> keys = {{.creates = {"func f()"}}, {.creates = {"rel t"}}, {.creates = {"rel u"}}};
  CHECK(planner::order_steps(steps, keys, {}, {{"func f()", "rel t"}}) == std::vector<std::size_t>{1, 0, 2});
}

TEST_CASE("a dropped object goes before what it depends on, and before it is created again", "[dependency]") {
  // The view reads the column that changes type: drop view, alter, create view.
  std::vector<StepNode> steps = {{Stage::alter_column, 0}, {Stage::create_view, 1}, {Stage::drop_redefined, 2}};
  std::vector<ObjectKeys> keys = {{.creates = {"col t.c"}, .drops = {"col t.c"}},
                                  {.creates = {"rel v"}},
                                  {.drops = {"rel v"}}};
  std::vector<Dependency> depends = {{"rel v", "col t.c"}};
  CHECK(planner::order_steps(steps, keys, depends, depends) == std::vector<std::size_t>{2, 0, 1});
  // Dropped for good, the view still goes first, though its stage is later.
  steps = {{Stage::drop_column, 0}, {Stage::drop_view, 1}};
  keys = {{.drops = {"col t.c"}}, {.drops = {"rel v"}}};
  CHECK(planner::order_steps(steps, keys, depends, {}) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("steps that depend on each other in a cycle are an error", "[dependency]") {
  std::vector<StepNode> steps = {{Stage::create_view, 0}, {Stage::create_view, 1}};
  std::vector<ObjectKeys> keys = {{.creates = {"rel a"}}, {.creates = {"rel b"}}};
  CHECK_THROWS_AS(planner::order_steps(steps, keys, {}, {{"rel a", "rel b"}, {"rel b", "rel a"}}), std::logic_error);
}

TEST_CASE("views and triggers on a retyped column are rebuilt, transitively, replacing an in-place change",
          "[dependency]") {
  auto from = bank("integer");
  auto to = bank("bigint");
  to.views[1].columns.push_back({.name = "extra", .type = "integer"});  // would be CREATE OR REPLACE
  auto changes = planner::with_dependents_rebuilt(engine::diff(from, to), from, to);
  std::vector<std::string> kinds;
  for (const auto& change : changes) {
    if (std::holds_alternative<engine::ViewReplaced>(change)) kinds.push_back("replace");
    if (const auto* c = std::get_if<engine::ViewDropped>(&change)) kinds.push_back("drop " + c->view.name.name);
    if (const auto* c = std::get_if<engine::ViewAdded>(&change)) kinds.push_back("add " + c->view.name.name);
    if (const auto* c = std::get_if<engine::TriggerDropped>(&change)) kinds.push_back("drop " + c->trigger.name);
    if (const auto* c = std::get_if<engine::TriggerAdded>(&change)) kinds.push_back("add " + c->trigger.name);
  }
  CHECK(kinds == std::vector<std::string>{"drop rich", "add rich", "drop richer", "add richer", "drop audit_balance",
                                          "add audit_balance"});
}

TEST_CASE("a column type change under views and a trigger: they go before, come back after, all before the deploy",
          "[dependency]") {
  auto plan = planner::plan_changes(bank("integer"), bank("bigint"));
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "DROP VIEW public.richer",
                            "DROP VIEW public.rich",
                            "DROP TRIGGER audit_balance ON public.accounts",
                            "ALTER TABLE public.accounts ALTER COLUMN balance TYPE bigint USING balance::bigint",
                            "CREATE VIEW public.rich AS",
                            "CREATE VIEW public.richer AS",
                            "CREATE TRIGGER audit_balance AFTER UPDATE OF balance ON public.accounts ...",
                        });
  for (const auto& step : plan.steps) CHECK(step.phase == planner::Phase::expand);
}

TEST_CASE("dropping a table with views, a trigger and its function: dependents first, the function last",
          "[dependency]") {
  schema::Catalog to;
  to.schemas = {"public"};
  auto plan = planner::plan_changes(bank("integer"), to);
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "DROP TRIGGER audit_balance ON public.accounts",
                            "DROP VIEW public.richer",
                            "DROP VIEW public.rich",
                            "DROP TABLE public.accounts",
                            "DROP FUNCTION public.audit()",
                        });
  for (const auto& step : plan.steps) CHECK(step.phase == planner::Phase::contract);
}
