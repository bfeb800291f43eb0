// Changes of functions, procedures, views, materialized views and triggers.
// A definition PostgreSQL can replace in place is a *Replaced change; any other
// change of definition is a drop (redefined = true) plus an add.
#pragma once

#include "schema/catalog.hpp"

namespace schemactl::engine {

struct FunctionAdded { schema::Function function; };
struct FunctionDropped {
  schema::Function function;
  bool redefined = false;  // added back with another signature
};
struct FunctionReplaced { schema::Function from, to; };  // CREATE OR REPLACE: same signature

// A materialized view's indexes are IndexAdded / IndexDropped with the view's name
// as the table; a dropped view takes its indexes with it.
struct ViewAdded { schema::View view; };
struct ViewDropped {
  schema::View view;
  bool redefined = false;  // added back: another definition, or rebuilt around a change it depends on
};
struct ViewReplaced { schema::View from, to; };  // CREATE OR REPLACE VIEW: only appended columns

struct TriggerAdded { schema::Trigger trigger; };
struct TriggerDropped {
  schema::Trigger trigger;
  bool redefined = false;
};
struct TriggerReplaced { schema::Trigger from, to; };  // dropped and created in one transaction

}  // namespace schemactl::engine
