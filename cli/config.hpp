// schemactl.toml: optional; every setting also has a flag, and flags win.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "planner/render.hpp"

namespace schemactl::cli {

// [environments.NAME]: where and how apply runs in one deployment target.
struct Environment {
  std::string url_env;                     // the variable holding the URL (never the URL itself)
  std::vector<std::string> allow_hazards;  // hazard names, or "all"; --allow-hazards adds to them
  bool require_yes = false;                // apply and rollback refuse (exit 2) without --yes
  std::optional<std::chrono::milliseconds> lock_timeout;
  std::optional<std::chrono::milliseconds> statement_timeout;
  std::optional<std::chrono::milliseconds> backfill_batch_time;
  std::optional<std::chrono::milliseconds> backfill_pause;
  std::optional<bool> manage_privileges;
};

struct Config {
  std::vector<std::string> schema;        // paths or globs, relative to the config's folder
  std::string migrations = "migrations";
  std::string dev_url = "embedded";
  std::chrono::milliseconds lock_timeout{2000};
  std::chrono::milliseconds statement_timeout{30000};
  // Backfills: each batch sized to take about batch_time (its row locks last that
  // long), then a pause that leaves the database to the application.
  std::chrono::milliseconds backfill_batch_time{200};
  std::chrono::milliseconds backfill_pause{0};
  std::string postgres_bindir;            // for the embedded cluster; empty: found automatically
  // Table and column privileges are introspected, diffed and planned (GRANT/REVOKE);
  // off by default, for teams that manage grants elsewhere. --privileges turns it on.
  bool manage_privileges = false;
  // Where the desired-state cache lives (engine/desired_cache.hpp), relative to the
  // config's folder; empty: $SCHEMACTL_CACHE_DIR, else $XDG_CACHE_HOME/schemactl,
  // else ~/.cache/schemactl. "off": every plan builds the whole schema.
  std::string cache_dir;
  std::filesystem::path directory = ".";  // the config file's folder
  std::filesystem::path file;             // empty without a config file
  std::map<std::string, Environment> environments;
  std::string environment;                // the one --env selected; empty: none
};

// A config error: what() is "file:line:col: message".
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Durations in the config read as in migration files: "2s", "500ms", "1min", "0".
using planner::parse_duration;

// Reads `path`; an unknown key or a wrong type is a ConfigError naming file, line and key.
Config load_config(const std::filesystem::path& path);

// The environment `name` applied over `config`: its timeouts, and its URL from its
// variable unless `url` (--url) is set. Records the choice in config.environment.
// An unknown environment or an unset variable is a ConfigError; the URL is never
// printed.
void select_environment(Config& config, const std::string& name, std::optional<std::string>& url);

// `explicit_path` if given (must exist), else ./schemactl.toml if present, else defaults.
Config find_config(const std::optional<std::string>& explicit_path);

}  // namespace schemactl::cli
