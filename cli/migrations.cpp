#include "cli/migrations.hpp"

#include <fmt/format.h>

#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "engine/introspect.hpp"
#include "planner/sum_file.hpp"
#include "schema/source.hpp"

namespace schemactl::cli {
namespace {

// Sum file and fingerprint chain first: nothing is read as a migration from a
// tampered directory.
MigrationsDirectory read_verified(const std::filesystem::path& path) {
  MigrationsDirectory directory{path, {}};
  auto problems = planner::verify_sum(path);
  if (!problems.empty()) {
    std::string message = fmt::format("the migrations in {} fail their integrity check; nothing was run:", path.string());
    for (const auto& problem : problems) message += fmt::format("\n  {}: {}", problem.file, problem.message);
    throw IntegrityError(message);
  }
  for (const auto& entry : planner::list_migrations(path)) {
    directory.migrations.push_back(planner::read_migration(entry.up.string(), schema::read_file(entry.up)));
  }
  if (auto conflict = planner::find_branch_conflict(directory.migrations)) throw IntegrityError(*conflict);
  return directory;
}

}  // namespace

std::filesystem::path migrations_path(const Config& config) {
  std::filesystem::path path(config.migrations);
  return path.is_absolute() ? path : config.directory / path;
}

MigrationsDirectory load_migrations(const std::filesystem::path& path) {
  MigrationsDirectory directory{path, {}};
  if (!std::filesystem::exists(path)) return directory;
  try {
    return read_verified(path);
  } catch (const IntegrityError&) {
    throw;
  } catch (const std::runtime_error& error) {
    // A misnamed, orphaned or malformed file is as much an integrity failure as an edit.
    throw IntegrityError(fmt::format("the migrations in {} cannot be read; nothing was run:\n  {}", path.string(),
                                     error.what()));
  }
}

std::optional<planner::Migration> load_down_migration(const MigrationsDirectory& directory,
                                                      const std::string& version) {
  for (const auto& entry : planner::list_migrations(directory.path)) {
    if (entry.version == version && entry.down) {
      return planner::read_migration(entry.down->string(), schema::read_file(*entry.down));
    }
  }
  return std::nullopt;
}

std::vector<engine::Step> steps_of(const planner::Migration& migration) {
  std::vector<engine::Step> steps;
  for (const auto& read : migration.steps) steps.push_back(read.step);
  return steps;
}

void replay_onto(const engine::ScratchServer& scratch, pqxx::connection& conn, const MigrationsDirectory& directory) {
  std::vector<std::string> roles;
  for (const auto& migration : directory.migrations)
    for (const auto& step : migration.steps)
      for (const auto& statement : schema::split_statements(migration.file, step.step.sql))
        roles.insert(roles.end(), statement.roles.begin(), statement.roles.end());
  scratch.ensure_roles(roles);
  for (const auto& migration : directory.migrations) {
    try {
      engine::execute(conn, steps_of(migration), {});
    } catch (const engine::StepFailed& failure) {
      throw std::runtime_error(fmt::format("{}:{}: replaying the migrations failed: {}", migration.file,
                                           migration.steps[failure.step_index].line, failure.what()));
    }
  }
}

schema::Catalog replay_migrations(const MigrationsDirectory& directory, const engine::ScratchServer& scratch,
                                  const engine::IntrospectOptions& options) {
  engine::TemporaryDatabase database(scratch, "replay");
  auto conn = engine::connect(database.conninfo());
  replay_onto(scratch, *conn, directory);
  return engine::introspect(*conn, options);
}

}  // namespace schemactl::cli
