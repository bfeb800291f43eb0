#include "cli/drift.hpp"

#include <cstdio>

#include <fmt/core.h>

#include "cli/states.hpp"
#include "engine/introspect.hpp"
#include "planner/plan.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::cli {
namespace {

MigrationsDirectory expected_migrations(const MigrationsDirectory& directory, const ExpectedState& expected) {
  MigrationsDirectory replayed{directory.path, {}};
  for (const auto& migration : directory.migrations) {
    if (migration.header.version != expected.version) {
      replayed.migrations.push_back(migration);
      continue;
    }
    auto partial = migration;
    partial.steps.clear();
    for (std::size_t i = 0; i < migration.steps.size(); ++i) {
      if (expected.steps.contains(static_cast<int>(i) + 1)) partial.steps.push_back(migration.steps[i]);
    }
    replayed.migrations.push_back(partial);
    break;
  }
  return replayed;
}

}  // namespace

bool in_expected_state(pqxx::connection& conn, const MigrationsDirectory& directory, const ExpectedState& expected,
                       const std::optional<std::string>& dev_url, const Config& config) {
  auto live_catalog = engine::introspect(conn, introspect_options(config));
  auto live = schema::fingerprint(live_catalog);
  if (live == expected.fingerprint) return true;
  auto scratch = open_scratch(dev_url, config);
  auto drift = planner::plan_changes(replay_migrations(expected_migrations(directory, expected), scratch,
                                                     introspect_options(config)), live_catalog);
  fmt::print(stderr, "error: the database drifted from {} ({}, found {}); nothing was run. What differs:\n",
             expected.description, expected.fingerprint, live);
  for (const auto& line : drift.summary) fmt::print(stderr, "  {}\n", line);
  return false;
}

}  // namespace schemactl::cli
