// Drift: the live database is not where the applied migrations left it. apply and
// rollback both refuse to run from anywhere else (exit 3), naming what differs.
#pragma once

#include <optional>
#include <set>
#include <string>

#include <pqxx/connection>

#include "cli/config.hpp"
#include "cli/migrations.hpp"

namespace schemactl::cli {

// Where the database should be: every migration before `version` applied, plus the
// steps `steps` (numbers from 1) of `version` itself.
struct ExpectedState {
  std::string fingerprint;
  std::string version;
  std::set<int> steps;
  std::string description;  // "the state 2026..._init.sql was planned from"
};

// True when the live schema's fingerprint is the expected one. Otherwise replays
// the expected state on the scratch server and prints what differs from it.
bool in_expected_state(pqxx::connection& conn, const MigrationsDirectory& directory, const ExpectedState& expected,
                       const std::optional<std::string>& dev_url, const Config& config);

}  // namespace schemactl::cli
