#include "cli/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

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
    } else if (key == "postgres_bindir") {
      config.postgres_bindir = read_string(path, key, node);
    } else {
      fail(path, key_node.source(),
           fmt::format("unknown key '{}' (known: schema, migrations, dev_url, lock_timeout, "
                       "statement_timeout, postgres_bindir)", key));
    }
  }
  return config;
}

Config find_config(const std::optional<std::string>& explicit_path) {
  if (explicit_path) {
    if (!std::filesystem::exists(*explicit_path)) throw ConfigError(fmt::format("{}: no such config file", *explicit_path));
    return load_config(*explicit_path);
  }
  if (std::filesystem::exists("schemactl.toml")) return load_config("schemactl.toml");
  return Config{};
}

}  // namespace schemactl::cli
