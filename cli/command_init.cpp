#include <filesystem>
#include <fstream>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace schemactl::cli {
namespace {

constexpr std::string_view config_template = R"(# schemactl configuration: every setting also has a command-line flag.
schema = ["schema/*.sql"]       # the desired state: files, directories or globs
migrations = "migrations"       # versioned migration files
dev_url = "embedded"            # scratch server: "embedded" (temporary local cluster) or a URL
lock_timeout = "2s"             # per statement: give up waiting for a lock after this
statement_timeout = "30s"       # per quick statement; index builds and scans are not limited
)";

constexpr std::string_view schema_template = R"(-- The desired schema: declare objects in any order, across any number of files.
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL
);
)";

}  // namespace

int run_init(const std::string& directory) {
  std::filesystem::path root(directory);
  auto config = root / "schemactl.toml";
  if (std::filesystem::exists(config)) {
    fmt::print(stderr, "error: {} already exists; nothing changed\n", config.string());
    return exit_error;
  }
  std::filesystem::create_directories(root / "schema");
  std::filesystem::create_directories(root / "migrations");
  std::ofstream(config) << config_template;
  if (!std::filesystem::exists(root / "schema" / "schema.sql")) std::ofstream(root / "schema" / "schema.sql") << schema_template;
  fmt::print("created {}, {}/ and {}/\n", config.string(), (root / "schema").string(), (root / "migrations").string());
  return exit_ok;
}

}  // namespace schemactl::cli
