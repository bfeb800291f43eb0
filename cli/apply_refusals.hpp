// Why apply stops before its first step: hazards nobody allowed, or data a step
// would fail on. Shared by declarative apply and apply of migration files.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/connection>

#include "engine/step.hpp"

namespace schemactl::cli {

// Prints each refused hazard (by name, as plans and migration files write them)
// with its meaning, and the --allow-hazards flag that would accept them.
void report_refused_hazards(std::string_view what, const std::vector<std::string>& names);

// Runs every step's preflight checks; prints each failure with its step (named by
// `step_name`), row count and a query that shows the rows. True when all pass.
bool preflight_passes(pqxx::connection& conn, const std::vector<engine::Step>& steps,
                      const std::function<std::string(std::size_t index)>& step_name);

}  // namespace schemactl::cli
