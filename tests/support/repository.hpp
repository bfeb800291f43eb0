// A schemactl project in a temporary folder: schemactl.toml, schema/ and
// migrations/, with the test server as its dev database.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace schemactl::testing {

struct Repository {
  TempDir dir;
  Repository();
  void set_schema(const std::string& sql) const;
  // schemactl with `--config <config>` (a file in the folder), never DATABASE_URL;
  // `environment` adds variables.
  ProcessResult run(std::vector<std::string> args, const std::map<std::string, std::string>& environment = {},
                    const std::string& config = "schemactl.toml") const;
  std::filesystem::path migrations() const;
  std::vector<std::filesystem::path> files() const;  // in migrations/, sorted
  std::filesystem::path latest_up() const;           // the newest up migration
};

}  // namespace schemactl::testing
