// plan --write: the plan saved as the next versioned migration, with its down file,
// and the sum file updated.
#pragma once

#include <filesystem>
#include <string>

#include "cli/planning.hpp"

namespace schemactl::cli {

// Writes <version>_<name>.sql and .down.sql into `directory` (made if missing) and
// rewrites the sum file; returns the up file's path.
std::string write_migration_files(const std::filesystem::path& directory, const std::string& name,
                                  const PlanningResult& result, const planner::PlanOptions& options);

}  // namespace schemactl::cli
