// verify and hash: the integrity of the migrations directory on its own.
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/migrations.hpp"
#include "planner/sum_file.hpp"

namespace schemactl::cli {

int run_verify(const CommonOptions& options) {
  auto config = find_config(options.config);
  auto directory = load_migrations(migrations_path(config));
  fmt::print("ok: {} migrations in {}, {} verified\n", directory.migrations.size(), directory.path.string(),
             planner::sum_file_name);
  return exit_ok;
}

int run_hash(const CommonOptions& options) {
  auto config = find_config(options.config);
  auto path = migrations_path(config);
  planner::write_sum(path);
  fmt::print("rewrote {}: every file in {} as it is now is accepted\n", (path / planner::sum_file_name).string(),
             path.string());
  return exit_ok;
}

}  // namespace schemactl::cli
