#include "support/repository.hpp"

#include <algorithm>

#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "support/test_server.hpp"

namespace schemactl::testing {

namespace fs = std::filesystem;

Repository::Repository(const std::string& extra_config) {
  dir.write("schemactl.toml", "schema = [\"schema/*.sql\"]\nmigrations = \"migrations\"\ndev_url = \"" +
                                  test_server().conninfo() + "\"\n" + extra_config);
}

void Repository::set_schema(const std::string& sql) const { dir.write("schema/app.sql", sql); }

ProcessResult Repository::run(std::vector<std::string> args, std::map<std::string, std::string> environment,
                              const std::string& config) const {
  args.insert(args.end(), {"--config", (dir.path() / config).string()});
  environment.emplace("DATABASE_URL", "");
  return run_schemactl(args, environment);
}

fs::path Repository::migrations() const { return dir.path() / "migrations"; }

std::vector<fs::path> Repository::files() const {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(migrations())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

fs::path Repository::latest_up() const {
  fs::path up;
  for (const auto& file : files()) {
    if (file.string().ends_with(".sql") && !file.string().ends_with(".down.sql")) up = file;
  }
  return up;
}

std::string query(const engine::TemporaryDatabase& db, const std::string& sql) {
  auto conn = engine::connect(db.conninfo());
  auto value = pqxx::nontransaction(*conn).exec1(sql)[0];
  return value.is_null() ? "" : value.as<std::string>();
}

}  // namespace schemactl::testing
