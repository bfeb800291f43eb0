// What `apply` shows while it runs: one line per step, and a live backfill line
// with rows, rate and ETA (redrawn in place on a terminal, every few seconds otherwise).
#pragma once

#include "cli/config.hpp"
#include "engine/executor.hpp"
#include "planner/plan.hpp"

namespace schemactl::cli {

// Events and backfill options that report progress on stderr for `plan`, with the
// backfill pacing of `config`.
engine::ExecutionOptions progress_reporting(const planner::Plan& plan, const Config& config);

}  // namespace schemactl::cli
