#include "cli/states.hpp"

#include <cstdlib>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/connection.hpp"
#include "engine/desired_cache.hpp"
#include "engine/desired_state.hpp"
#include "engine/introspect.hpp"
#include "schema/fingerprint.hpp"
#include "schema/source.hpp"

namespace schemactl::cli {

bool is_database_url(const std::string& arg) {
  return arg.starts_with("postgres://") || arg.starts_with("postgresql://") ||
         arg.find('=') != std::string::npos;
}

engine::IntrospectOptions introspect_options(const Config& config) {
  engine::IntrospectOptions options;
  options.privileges = config.manage_privileges;
  return options;
}

schema::Catalog read_database(const std::string& conninfo, const Config& config) {
  return engine::introspect(conninfo, introspect_options(config));
}

namespace {

// The desired-state cache's folder; empty when it is off.
std::filesystem::path cache_directory(const Config& config) {
  if (config.cache_dir == "off") return {};
  if (!config.cache_dir.empty()) {
    std::filesystem::path path(config.cache_dir);
    return path.is_absolute() ? path : config.directory / path;
  }
  auto from_environment = [](const char* name) -> std::filesystem::path {
    const char* value = std::getenv(name);
    return value && *value ? value : "";
  };
  if (auto path = from_environment("SCHEMACTL_CACHE_DIR"); !path.empty()) return path == "off" ? "" : path;
  if (auto path = from_environment("XDG_CACHE_HOME"); !path.empty()) return path / "schemactl";
  if (auto path = from_environment("HOME"); !path.empty()) return path / ".cache" / "schemactl";
  return {};
}

// One cache file of each kind per project: named by its schema files.
std::filesystem::path cache_file(const std::filesystem::path& directory, std::string_view kind,
                                 const std::vector<std::string>& schema_files) {
  std::set<std::string> files;
  for (const auto& file : schema_files) {
    std::error_code error;
    auto absolute = std::filesystem::absolute(file, error);
    files.insert(error ? file : absolute.lexically_normal().string());
  }
  std::string names;
  for (const auto& file : files) names.append(file).push_back('\0');
  return directory / fmt::format("{}-{}.cache", kind, schema::sha256_hex(names).substr(0, 16));
}

}  // namespace

schema::Catalog read_schema_files(const std::vector<std::string>& patterns,
                                  const engine::ScratchServer& scratch, const Config& config) {
  return build_schema_statements(load_schema_files(patterns, config), scratch, config);
}

std::vector<schema::Statement> load_schema_files(const std::vector<std::string>& patterns, const Config& config) {
  auto files = schema::expand_schema_paths(patterns);
  auto directory = cache_directory(config);
  if (directory.empty()) return schema::load_schema(files);
  auto file = cache_file(directory, "statements", {files.begin(), files.end()});
  auto known = schema::StatementCache::load(file);
  auto statements = schema::load_schema(files, &known);
  schema::StatementCache(statements).save(file);
  return statements;
}


schema::Catalog build_schema_statements(const std::vector<schema::Statement>& statements,
                                        const engine::ScratchServer& scratch, const Config& config) {
  auto directory = cache_directory(config);
  if (directory.empty()) return engine::build_desired_catalog(scratch, statements, introspect_options(config));
  std::vector<std::string> files;
  for (const auto& statement : statements) files.push_back(statement.file);
  return engine::build_desired_catalog_cached(scratch, statements, introspect_options(config),
                                              cache_file(directory, "desired", files))
      .catalog;
}

schema::Renames read_schema_renames(const std::vector<std::string>& patterns) {
  return schema::load_renames(schema::expand_schema_paths(patterns));
}

engine::ScratchServer open_scratch(const std::optional<std::string>& dev_url, const Config& config) {
  engine::EmbeddedClusterOptions options;
  options.bindir = config.postgres_bindir;
  return engine::ScratchServer::open(dev_url.value_or(config.dev_url), options);
}

std::vector<std::string> schema_patterns(const std::vector<std::string>& flags, const Config& config) {
  if (!flags.empty()) return flags;
  std::vector<std::string> patterns;
  for (const auto& entry : config.schema) {
    std::filesystem::path path(entry);
    patterns.push_back(path.is_absolute() ? entry : (config.directory / path).string());
  }
  if (patterns.empty()) {
    throw std::runtime_error("no schema files: pass --schema PATH or set schema = [...] in schemactl.toml");
  }
  return patterns;
}

}  // namespace schemactl::cli
