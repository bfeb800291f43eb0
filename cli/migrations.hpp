// The migrations directory as the CLI uses it: verified before anything runs, and
// replayed onto a scratch database to give the state it reaches.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "cli/config.hpp"
#include "engine/introspect.hpp"
#include "engine/scratch.hpp"
#include "engine/step.hpp"
#include "planner/migration_dir.hpp"
#include "planner/migration_file.hpp"
#include "schema/catalog.hpp"

namespace schemactl::cli {

// Tampered, reordered, unrecorded or conflicting migrations: exit code 3.
struct IntegrityError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct MigrationsDirectory {
  std::filesystem::path path;
  std::vector<planner::Migration> migrations;  // up migrations, in version order
};

std::filesystem::path migrations_path(const Config& config);

// Reads every migration after checking the sum file and the fingerprint chain;
// throws IntegrityError naming each problem. A missing directory has no migrations.
MigrationsDirectory load_migrations(const std::filesystem::path& path);

// The down file of `version`, read from a directory load_migrations verified; none
// when the migration has no down file.
std::optional<planner::Migration> load_down_migration(const MigrationsDirectory& directory,
                                                      const std::string& version);

std::vector<engine::Step> steps_of(const planner::Migration& migration);

// Runs each migration, in order, on `conn`, a database of `scratch`, with the same
// executor `apply` uses; the roles the migrations grant to are made first when
// `scratch` is an embedded cluster.
void replay_onto(const engine::ScratchServer& scratch, pqxx::connection& conn, const MigrationsDirectory& directory);

// The state the migrations reach: each runs, in order, on a temporary database
// with the same executor `apply` uses, then the result is read back.
schema::Catalog replay_migrations(const MigrationsDirectory& directory, const engine::ScratchServer& scratch,
                                  const engine::IntrospectOptions& options);

}  // namespace schemactl::cli
