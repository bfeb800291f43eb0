#include <catch2/catch.hpp>

#include <filesystem>


#include "cli/config.hpp"
#include "support/temp_dir.hpp"

using namespace schemactl::cli;
namespace fs = std::filesystem;

namespace {

fs::path write_config(const std::string& text) {
  static const schemactl::testing::TempDir dir;
  return dir.write("schemactl.toml", text);
}

}  // namespace

TEST_CASE("durations take ms, s, min and h", "[config]") {
  CHECK(parse_duration("2s") == std::chrono::milliseconds(2000));
  CHECK(parse_duration("500ms") == std::chrono::milliseconds(500));
  CHECK(parse_duration("1min") == std::chrono::milliseconds(60000));
  CHECK(parse_duration("0") == std::chrono::milliseconds(0));
  CHECK_FALSE(parse_duration("2"));
  CHECK_FALSE(parse_duration("fast"));
  CHECK_FALSE(parse_duration("-1s"));
}

TEST_CASE("a config file sets every setting", "[config]") {
  auto config = load_config(write_config(R"(
schema = ["schema/*.sql", "extra.sql"]
migrations = "db/migrations"
dev_url = "postgresql://localhost/dev"
lock_timeout = "5s"
statement_timeout = "1min"
)"));
  CHECK(config.schema == std::vector<std::string>{"schema/*.sql", "extra.sql"});
  CHECK(config.migrations == "db/migrations");
  CHECK(config.dev_url == "postgresql://localhost/dev");
  CHECK(config.lock_timeout == std::chrono::seconds(5));
  CHECK(config.statement_timeout == std::chrono::minutes(1));
}

TEST_CASE("an unknown key names file, line and key", "[config]") {
  auto path = write_config("schema = \"s.sql\"\nlock_timout = \"2s\"\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":2:1: unknown key 'lock_timout'"));
}

TEST_CASE("a wrong type names file, line and key", "[config]") {
  auto path = write_config("lock_timeout = 2\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":1:") &&
                                           Catch::Contains("'lock_timeout' must be a string"));
  path = write_config("schema = [1]\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("'schema' must be a string"));
}

TEST_CASE("a TOML syntax error names file and line", "[config]") {
  auto path = write_config("schema = [\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":"));
}
