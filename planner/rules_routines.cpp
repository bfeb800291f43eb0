#include "planner/rules_routines.hpp"

#include "schema/ddl_routines.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;
using schema::quote_ident;
using schema::quote_name;

std::string function_object(const schema::Function& function) {
  return quote_name(function.name) + "(" + function.identity_arguments + ")";
}

std::string trigger_object(const schema::Trigger& trigger) {
  return quote_name(trigger.table) + "." + quote_ident(trigger.name);
}

// The body was checked when the desired schema was built on the scratch database.
// Here it may name tables that later steps create, which PostgreSQL does not
// record as dependencies of a LANGUAGE sql string body: check_function_bodies is
// turned off for the transaction, as pg_dump does.
void create_function(const schema::Function& function, std::string why, StagedSteps& out) {
  add_step(out, Stage::create_function,
                          "SET LOCAL check_function_bodies = off;\n" + schema::create_function_sql(function),
                          TxMode::shared, function_object(function), std::move(why));
}

}  // namespace

void plan_routine_change(const engine::FunctionAdded& c, StagedSteps& out) {
  create_function(c.function, c.function.procedure ? "a new procedure" : "a new function", out);
}

void plan_routine_change(const engine::FunctionReplaced& c, StagedSteps& out) {
  create_function(c.to, "CREATE OR REPLACE: the signature is unchanged, so callers keep working", out);
}

void plan_routine_change(const engine::FunctionDropped& c, StagedSteps& out) {
  if (c.redefined) {
    add_step(out, Stage::drop_redefined, schema::drop_function_sql(c.function), TxMode::shared,
                            function_object(c.function),
                            "its arguments or result type change, which CREATE OR REPLACE cannot do");
    return;
  }
  add_step(out, Stage::drop_function, schema::drop_function_sql(c.function), TxMode::shared,
                          function_object(c.function), "old code may still call it, so after the deploy");
}

void plan_routine_change(const engine::ViewAdded& c, StagedSteps& out) {
  const auto& view = c.view;
  if (!view.materialized) {
    add_step(out, Stage::create_view, schema::create_view_sql(view), TxMode::shared,
                            quote_name(view.name), "a view is metadata only");
    return;
  }
  // Reads of the tables it selects from go on while it fills; nothing else can use
  // the new view yet. Its indexes follow, CONCURRENTLY, as IndexAdded.
  add_step(out, Stage::create_view, schema::create_view_sql(view), TxMode::own, quote_name(view.name),
                          view.populated ? "WITH DATA runs its query once, in a transaction of its own: "
                                           "the tables it reads stay readable and writable"
                                         : "WITH NO DATA: empty until refreshed");
}

void plan_routine_change(const engine::ViewReplaced& c, StagedSteps& out) {
  add_step(out, Stage::create_view, schema::create_view_sql(c.to, true), TxMode::shared,
                          quote_name(c.to.name), "CREATE OR REPLACE: the existing columns stay as they are");
}

void plan_routine_change(const engine::ViewDropped& c, StagedSteps& out) {
  if (c.redefined) {
    add_step(out, Stage::drop_redefined, schema::drop_view_sql(c.view), TxMode::shared,
                            quote_name(c.view.name),
                            "created again below: its columns change, or something it depends on does");
    return;
  }
  add_step(out, Stage::drop_view, schema::drop_view_sql(c.view), TxMode::shared, quote_name(c.view.name),
                          "old code may still query it, so after the deploy");
}

void plan_routine_change(const engine::TriggerAdded& c, StagedSteps& out) {
  add_step(out, Stage::create_trigger, c.trigger.definition, TxMode::shared, trigger_object(c.trigger),
                          "after the function it calls; takes a brief lock that blocks writes");
}

void plan_routine_change(const engine::TriggerReplaced& c, StagedSteps& out) {
  add_step(out, Stage::create_trigger, schema::drop_trigger_sql(c.from) + ";\n" + c.to.definition,
                          TxMode::shared, trigger_object(c.to),
                          "dropped and created in one transaction: no write goes by without it");
}

void plan_routine_change(const engine::TriggerDropped& c, StagedSteps& out) {
  if (c.redefined) {
    add_step(out, Stage::drop_redefined, schema::drop_trigger_sql(c.trigger), TxMode::shared,
                            trigger_object(c.trigger), "created again below, after what it depends on changes");
    return;
  }
  add_step(out, Stage::drop_trigger, schema::drop_trigger_sql(c.trigger), TxMode::shared,
                          trigger_object(c.trigger), "old code may rely on it, so after the deploy");
}

}  // namespace schemactl::planner
