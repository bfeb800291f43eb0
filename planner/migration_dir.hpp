// The migrations directory: <version>_<name>.sql files applied in version order,
// each with an optional <version>_<name>.down.sql. A version is a UTC timestamp,
// "20261122T033000Z", or any digits for hand-written files ("0001_init.sql");
// versions compare as numbers, so 0001 < 2 < 20261122T033000Z.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/migration_file.hpp"

namespace schemactl::planner {

struct MigrationFileName {
  std::string version;
  std::string name;
  Direction direction = Direction::up;
};

// "0001_init.down.sql" -> {"0001", "init", down}; std::nullopt unless the name is
// <digits>[T<hhmmss>Z]_<letters, digits, '_' or '-'>[.down].sql.
std::optional<MigrationFileName> parse_migration_file_name(std::string_view file_name);

struct MigrationEntry {
  std::string version;
  std::string name;
  std::filesystem::path up;
  std::optional<std::filesystem::path> down;
};

// The migrations in `dir`, by version. Files other than *.sql are ignored; a *.sql
// file not named like a migration, two files with one version, a down file without
// its up file, or a missing directory is a std::runtime_error.
std::vector<MigrationEntry> list_migrations(const std::filesystem::path& dir);

// The version of a migration planned at `now`: "20261122T033000Z", in UTC.
std::string new_version(std::chrono::system_clock::time_point now);

// "Add public_id!" -> "add_public_id": lower case, runs of anything but [a-z0-9]
// become one '_'. std::invalid_argument when nothing is left.
std::string sanitize_migration_name(std::string_view name);

// "<version>_<sanitized name>.sql", or ".down.sql".
std::string migration_file_name(std::string_view version, std::string_view name,
                                Direction direction = Direction::up);

// Generated up migrations chain: each starts from the fingerprint the one before it
// ends at. A break between two generated migrations with no hand-written one between
// them (which changes the schema on its own) means two branches each planned a
// migration from the same state; the message names both files and how to resolve it.
// `migrations` in list order; down files are skipped.
std::optional<std::string> find_branch_conflict(const std::vector<Migration>& migrations);

}  // namespace schemactl::planner
