// The exit codes scripts rely on (DESIGN.md, CLI contract).
#pragma once

namespace schemactl::cli {

enum ExitCode : int {
  exit_ok = 0,         // done; with --check: nothing to do
  exit_error = 1,      // bad input, unreachable server, failed step
  exit_changes = 2,    // --check found changes, or a hazard was refused
  exit_integrity = 3,  // drift or integrity failure
};

}  // namespace schemactl::cli
