// A schemactl project in a temporary directory (schemactl.toml, schema/,
// migrations/) whose dev database is the test server, driven through the binary.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/scratch.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace schemactl::testing {

struct Repository {
  TempDir dir;
  // `extra_config`: more of schemactl.toml, e.g. [environments.NAME] tables.
  explicit Repository(const std::string& extra_config = "");
  void set_schema(const std::string& sql) const;
  // Runs schemactl with `--config <config>` (a file in the directory); DATABASE_URL
  // is unset unless `environment` sets it.
  ProcessResult run(std::vector<std::string> args, std::map<std::string, std::string> environment = {},
                    const std::string& config = "schemactl.toml") const;
  std::filesystem::path migrations() const;
  std::vector<std::filesystem::path> files() const;  // in migrations/, sorted
  std::filesystem::path latest_up() const;
};

// The first column of the first row of `sql` on `db`, as text.
std::string query(const engine::TemporaryDatabase& db, const std::string& sql);

}  // namespace schemactl::testing
