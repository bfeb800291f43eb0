#include "cli/config.hpp"

#include <cstdlib>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "cli/commands.hpp"
#include "planner/hazard.hpp"

namespace schemactl::cli {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const toml::source_region& where,
                       const std::string& message) {
  throw ConfigError(fmt::format("{}:{}:{}: {}", path.string(), where.begin.line, where.begin.column, message));
}

std::string read_string(const std::filesystem::path& path, const std::string& key, const toml::node& node) {
  if (!node.is_string()) fail(path, node.source(), fmt::format("'{}' must be a string", key));
  return node.as_string()->get();
}

std::chrono::milliseconds read_duration(const std::filesystem::path& path, const std::string& key,
                                        const toml::node& node) {
  auto duration = parse_duration(read_string(path, key, node));
  if (!duration) fail(path, node.source(), fmt::format("'{}' must be a duration like \"2s\", \"500ms\" or \"1min\"", key));
  return *duration;
}

std::vector<std::string> read_strings(const std::filesystem::path& path, const std::string& key,
                                      const toml::node& node) {
  if (node.is_string()) return {node.as_string()->get()};
  const auto* array = node.as_array();
  if (array == nullptr) fail(path, node.source(), fmt::format("'{}' must be a string or an array of strings", key));
  std::vector<std::string> values;
  for (const auto& item : *array) values.push_back(read_string(path, key, item));
  return values;
}

// A batch's row locks hold up application writes for about this long.
std::chrono::milliseconds read_batch_time(const std::filesystem::path& path, const std::string& key,
                                          const toml::node& node) {
  auto duration = read_duration(path, key, node);
  if (duration.count() <= 0 || duration > std::chrono::seconds(10))
    fail(path, node.source(), fmt::format("'{}' must be between 1ms and 10s: each batch holds its rows' locks "
                                          "that long", key));
  return duration;
}

bool read_bool(const std::filesystem::path& path, const std::string& key, const toml::node& node) {
  if (!node.is_boolean()) fail(path, node.source(), fmt::format("'{}' must be true or false", key));
  return node.as_boolean()->get();
}

std::vector<std::string> read_hazards(const std::filesystem::path& path, const std::string& key,
                                      const toml::node& node) {
  auto names = read_strings(path, key, node);
  for (const auto& name : names) {
    if (name != "all" && !planner::parse_hazard(name)) {
      fail(path, node.source(), fmt::format("'{}': unknown hazard '{}'", key, name));
    }
  }
  return names;
}

Environment read_environment(const std::filesystem::path& path, const std::string& name, const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) fail(path, node.source(), fmt::format("'environments.{}' must be a table", name));
  Environment environment;
  for (const auto& [key_node, value] : *table) {
    std::string key(key_node.str());
    if (key == "url_env") {
      environment.url_env = read_string(path, key, value);
    } else if (key == "allow_hazards") {
      environment.allow_hazards = read_hazards(path, key, value);
    } else if (key == "require_yes") {
      environment.require_yes = read_bool(path, key, value);
    } else if (key == "lock_timeout") {
      environment.lock_timeout = read_duration(path, key, value);
    } else if (key == "statement_timeout") {
      environment.statement_timeout = read_duration(path, key, value);
    } else if (key == "backfill_batch_time") {
      environment.backfill_batch_time = read_batch_time(path, key, value);
    } else if (key == "backfill_pause") {
      environment.backfill_pause = read_duration(path, key, value);
    } else if (key == "manage_privileges") {
      environment.manage_privileges = read_bool(path, key, value);
    } else {
      fail(path, key_node.source(),
           fmt::format("unknown key '{}' in environment '{}' (known: url_env, allow_hazards, require_yes, "
                       "lock_timeout, statement_timeout, backfill_batch_time, backfill_pause, manage_privileges)",
                       key, name));
    }
  }
  if (environment.url_env.empty()) {
    fail(path, node.source(), fmt::format("environment '{}' needs url_env: the variable that holds its URL", name));
  }
  return environment;
}

std::map<std::string, Environment> read_environments(const std::filesystem::path& path, const toml::node& node) {
  const auto* table = node.as_table();
  if (table == nullptr) fail(path, node.source(), "'environments' must be a table of [environments.NAME] tables");
  std::map<std::string, Environment> environments;
  for (const auto& [name, value] : *table) {
    environments.emplace(std::string(name.str()), read_environment(path, std::string(name.str()), value));
  }
  return environments;
}

}  // namespace

Config load_config(const std::filesystem::path& path) {
  toml::table table;
  try {
    table = toml::parse_file(path.string());
  } catch (const toml::parse_error& error) {
    fail(path, error.source(), std::string(error.description()));
  }
  Config config;
  config.directory = path.parent_path().empty() ? "." : path.parent_path();
  config.file = path;
  for (const auto& [key_node, node] : table) {
    std::string key(key_node.str());
    if (key == "schema") {
      config.schema = read_strings(path, key, node);
    } else if (key == "migrations") {
      config.migrations = read_string(path, key, node);
    } else if (key == "dev_url") {
      config.dev_url = read_string(path, key, node);
    } else if (key == "lock_timeout") {
      config.lock_timeout = read_duration(path, key, node);
    } else if (key == "statement_timeout") {
      config.statement_timeout = read_duration(path, key, node);
    } else if (key == "backfill_batch_time") {
      config.backfill_batch_time = read_batch_time(path, key, node);
    } else if (key == "backfill_pause") {
      config.backfill_pause = read_duration(path, key, node);
    } else if (key == "postgres_bindir") {
      config.postgres_bindir = read_string(path, key, node);
    } else if (key == "manage_privileges") {
      config.manage_privileges = read_bool(path, key, node);
    } else if (key == "cache_dir") {
      config.cache_dir = read_string(path, key, node);
    } else if (key == "environments") {
      config.environments = read_environments(path, node);
    } else {
      fail(path, key_node.source(),
           fmt::format("unknown key '{}' (known: schema, migrations, dev_url, lock_timeout, "
                       "statement_timeout, backfill_batch_time, backfill_pause, postgres_bindir, manage_privileges, "
                       "cache_dir, environments)", key));
    }
  }
  return config;
}

void select_environment(Config& config, const std::string& name, std::optional<std::string>& url) {
  auto found = config.environments.find(name);
  if (found == config.environments.end()) {
    std::string known;
    for (const auto& [defined, environment] : config.environments) known += (known.empty() ? "" : ", ") + defined;
    throw ConfigError(fmt::format("{}: unknown environment '{}' ({})",
                                  config.file.empty() ? "schemactl.toml (none found)" : config.file.string(), name,
                                  known.empty() ? "no [environments.NAME] defined" : "defined: " + known));
  }
  const auto& environment = found->second;
  if (!url) {
    const char* value = std::getenv(environment.url_env.c_str());
    if (value == nullptr || *value == '\0') {
      throw ConfigError(fmt::format("environment '{}' reads its URL from ${}, which is not set", name,
                                    environment.url_env));
    }
    url = value;
  }
  if (environment.lock_timeout) config.lock_timeout = *environment.lock_timeout;
  if (environment.statement_timeout) config.statement_timeout = *environment.statement_timeout;
  if (environment.backfill_batch_time) config.backfill_batch_time = *environment.backfill_batch_time;
  if (environment.backfill_pause) config.backfill_pause = *environment.backfill_pause;
  if (environment.manage_privileges) config.manage_privileges = *environment.manage_privileges;
  config.environment = name;
}

Config find_config(const std::optional<std::string>& explicit_path) {
  if (explicit_path) {
    if (!std::filesystem::exists(*explicit_path)) throw ConfigError(fmt::format("{}: no such config file", *explicit_path));
    return load_config(*explicit_path);
  }
  if (std::filesystem::exists("schemactl.toml")) return load_config("schemactl.toml");
  return Config{};
}

Config load_settings(CommonOptions& options) {
  auto config = find_config(options.config);
  if (options.env) select_environment(config, *options.env, options.url);
  if (options.privileges) config.manage_privileges = true;
  return config;
}

}  // namespace schemactl::cli
