#include "support/repository.hpp"

#include <algorithm>

#include "support/test_server.hpp"

namespace schemactl::testing {

Repository::Repository() {
  dir.write("schemactl.toml", "schema = [\"schema/*.sql\"]\nmigrations = \"migrations\"\ndev_url = \"" +
                                  test_server().conninfo() + "\"\n");
}

void Repository::set_schema(const std::string& sql) const { dir.write("schema/app.sql", sql); }

ProcessResult Repository::run(std::vector<std::string> args, const std::map<std::string, std::string>& environment,
                              const std::string& config) const {
  args.insert(args.end(), {"--config", (dir.path() / config).string()});
  auto variables = environment;
  variables.emplace("DATABASE_URL", "");
  return run_schemactl(args, variables);
}

std::filesystem::path Repository::migrations() const { return dir.path() / "migrations"; }

std::vector<std::filesystem::path> Repository::files() const {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(migrations())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::filesystem::path Repository::latest_up() const {
  std::filesystem::path up;
  for (const auto& file : files()) {
    if (file.string().ends_with(".sql") && !file.string().ends_with(".down.sql")) up = file;
  }
  return up;
}

}  // namespace schemactl::testing
