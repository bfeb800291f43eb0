// Runs a program (never through a shell) and captures what it printed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace schemactl::testing {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// argv[0] is the program's path. `environment` entries are added to (or replace
// those of) this process's environment; an empty value removes the variable.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& environment = {});

// The schemactl binary built with the tests, run in `directory` (default: here).
ProcessResult run_schemactl(const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& environment = {});

}  // namespace schemactl::testing
