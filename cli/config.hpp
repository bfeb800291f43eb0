// schemactl.toml: optional; every setting also has a flag, and flags win.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "planner/render.hpp"

namespace schemactl::cli {

struct Config {
  std::vector<std::string> schema;        // paths or globs, relative to the config's folder
  std::string migrations = "migrations";
  std::string dev_url = "embedded";
  std::chrono::milliseconds lock_timeout{2000};
  std::chrono::milliseconds statement_timeout{30000};
  std::string postgres_bindir;            // for the embedded cluster; empty: found automatically
  std::filesystem::path directory = ".";  // the config file's folder
};

// A config error: what() is "file:line:col: message".
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Durations in the config read as in migration files: "2s", "500ms", "1min", "0".
using planner::parse_duration;

// Reads `path`; an unknown key or a wrong type is a ConfigError naming file, line and key.
Config load_config(const std::filesystem::path& path);

// `explicit_path` if given (must exist), else ./schemactl.toml if present, else defaults.
Config find_config(const std::optional<std::string>& explicit_path);

}  // namespace schemactl::cli
