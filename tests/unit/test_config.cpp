#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>

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
backfill_batch_time = "400ms"
backfill_pause = "50ms"
)"));
  CHECK(config.schema == std::vector<std::string>{"schema/*.sql", "extra.sql"});
  CHECK(config.migrations == "db/migrations");
  CHECK(config.dev_url == "postgresql://localhost/dev");
  CHECK(config.lock_timeout == std::chrono::seconds(5));
  CHECK(config.statement_timeout == std::chrono::minutes(1));
  CHECK(config.backfill_batch_time == std::chrono::milliseconds(400));
  CHECK(config.backfill_pause == std::chrono::milliseconds(50));
}

TEST_CASE("a backfill batch time that would hold row locks too long, or not at all, is refused", "[config]") {
  for (const char* value : {"0", "11s"}) {
    auto path = write_config(std::string("backfill_batch_time = \"") + value + "\"\n");
    CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":1:") &&
                                             Catch::Contains("between 1ms and 10s"));
  }
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

TEST_CASE("environments set their URL variable, hazards, confirmation and timeouts", "[config]") {
  auto config = load_config(write_config(R"(
lock_timeout = "2s"
[environments.staging]
url_env = "STAGING_DATABASE_URL"
[environments.production]
url_env = "PRODUCTION_DATABASE_URL"
allow_hazards = ["INDEX_DROPPED", "DELETES_DATA"]
require_yes = true
lock_timeout = "500ms"
statement_timeout = "10s"
)"));
  REQUIRE(config.environments.size() == 2);
  const auto& staging = config.environments.at("staging");
  CHECK(staging.url_env == "STAGING_DATABASE_URL");
  CHECK(staging.allow_hazards.empty());
  CHECK_FALSE(staging.require_yes);
  CHECK_FALSE(staging.lock_timeout);
  const auto& production = config.environments.at("production");
  CHECK(production.allow_hazards == std::vector<std::string>{"INDEX_DROPPED", "DELETES_DATA"});
  CHECK(production.require_yes);

  std::optional<std::string> url;
  setenv("PRODUCTION_DATABASE_URL", "postgresql://prod/app", 1);
  select_environment(config, "production", url);
  CHECK(url == "postgresql://prod/app");
  CHECK(config.environment == "production");
  CHECK(config.lock_timeout == std::chrono::milliseconds(500));
  CHECK(config.statement_timeout == std::chrono::seconds(10));

  std::optional<std::string> flag = "postgresql://elsewhere/app";
  select_environment(config, "production", flag);
  CHECK(flag == "postgresql://elsewhere/app");  // --url wins
}

TEST_CASE("a bad environment names file, line, column and key", "[config]") {
  auto path = write_config("[environments.prod]\nurl_env = \"DB\"\nrequire_yes = \"yes\"\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":3:") &&
                                           Catch::Contains("'require_yes' must be true or false"));
  path = write_config("[environments.prod]\nurl_env = \"DB\"\nurl = \"postgresql://x\"\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":3:1: unknown key 'url' in environment "
                                                                         "'prod'"));
  path = write_config("[environments.prod]\nurl_env = \"DB\"\nallow_hazards = [\"DELETE_DATA\"]\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":3:") &&
                                           Catch::Contains("unknown hazard 'DELETE_DATA'"));
  path = write_config("[environments.prod]\nrequire_yes = true\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":1:") && Catch::Contains("needs url_env"));
  path = write_config("environments = 1\n");
  CHECK_THROWS_WITH(load_config(path), Catch::Contains("'environments' must be a table"));
}

TEST_CASE("an unknown environment or an unset variable is an error that prints no URL", "[config]") {
  auto config = load_config(write_config("[environments.prod]\nurl_env = \"SCHEMACTL_TEST_UNSET_URL\"\n"));
  std::optional<std::string> url;
  CHECK_THROWS_WITH(select_environment(config, "staging", url),
                    Catch::Contains("unknown environment 'staging'") && Catch::Contains("defined: prod"));
  unsetenv("SCHEMACTL_TEST_UNSET_URL");
  CHECK_THROWS_WITH(select_environment(config, "prod", url),
                    Catch::Contains("$SCHEMACTL_TEST_UNSET_URL") && Catch::Contains("not set"));
  CHECK_FALSE(url);
}

TEST_CASE("manage_privileges is off by default, a boolean at the top level and per environment", "[config]") {
  CHECK_FALSE(load_config(write_config("schema = \"s.sql\"\n")).manage_privileges);
  auto config = load_config(write_config(
      "manage_privileges = false\n[environments.prod]\nurl_env = \"SCHEMACTL_TEST_PRIVILEGES_URL\"\n"
      "manage_privileges = true\n"));
  CHECK_FALSE(config.manage_privileges);
  setenv("SCHEMACTL_TEST_PRIVILEGES_URL", "postgresql://localhost/prod", 1);
  std::optional<std::string> url;
  select_environment(config, "prod", url);
  CHECK(config.manage_privileges);
  auto path = write_config("schema = \"s.sql\"\nmanage_privileges = \"yes\"\n");
  CHECK_THROWS_WITH(load_config(path), Catch::StartsWith(path.string() + ":2:") && Catch::Contains("manage_privileges"));
}
