// Fault injection for the crash-safety tests, in the spirit of PostgreSQL's
// injection points: SCHEMACTL_KILL_AT=<point>:<step> makes apply kill itself with
// SIGKILL, exactly as `kill -9` would, at one point of one step of the migration
// file. Never set it outside tests. Points:
//   before       the step is about to be sent
//   uncommitted  the step (and its tracking row) ran, its transaction has not committed
//   committed    the step committed; its tracking row (no-tx steps, backfills) is not written
//   batch        a backfill's second batch ran and stored its position, not committed
//   during       two seconds after the step was sent, while it runs (the test makes it wait)
#pragma once

#include <vector>

#include "engine/executor.hpp"

namespace schemactl::cli {

// Wraps the events in `options` (set them first); `numbers` maps the executor's
// step indexes to the migration file's step numbers. No-op without the variable.
void arm_kill_points(engine::ExecutionOptions& options, const std::vector<int>& numbers);

}  // namespace schemactl::cli
