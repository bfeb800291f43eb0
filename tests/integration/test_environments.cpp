// [environments.NAME] through the binary: --env picks the URL from a variable (never
// printed), allowed hazards and require_yes; --url still wins; mistakes run nothing.
#include <catch2/catch.hpp>

#include <thread>

#include "support/repository.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::query;
using testing::Repository;

namespace {

constexpr const char* environments = R"(
[environments.staging]
url_env = "STAGING_DATABASE_URL"
[environments.production]
url_env = "PRODUCTION_DATABASE_URL"
allow_hazards = ["DELETES_DATA"]
require_yes = true
)";

std::string tables(const engine::TemporaryDatabase& db) {
  return query(db, "SELECT coalesce(string_agg(tablename, ',' ORDER BY tablename), '') FROM pg_tables "
                   "WHERE schemaname = 'public'");
}

}  // namespace

TEST_CASE("apply --env takes the URL from the environment's variable and its policy", "[migrations]") {
  Repository repo(environments);
  repo.set_schema("CREATE TABLE users (id bigint PRIMARY KEY, legacy text);\nCREATE TABLE old (id int);\n");
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  repo.set_schema("CREATE TABLE users (id bigint PRIMARY KEY);\n");
  REQUIRE(repo.run({"plan", "--write", "drop_old"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  std::map<std::string, std::string> production{{"PRODUCTION_DATABASE_URL", live.conninfo()}};

  auto unknown = repo.run({"apply", "--env", "prod"}, production);
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("unknown environment 'prod'") && Catch::Contains("production, staging"));
  auto unset = repo.run({"apply", "--env", "staging"}, {{"STAGING_DATABASE_URL", ""}});
  CHECK(unset.exit_code == 1);
  CHECK_THAT(unset.err, Catch::Contains("$STAGING_DATABASE_URL") && Catch::Contains("not set"));
  CHECK(tables(live).empty());

  // require_yes: what would run is shown, nothing runs, exit 2; the URL is never printed.
  auto unconfirmed = repo.run({"apply", "--env", "production"}, production);
  CHECK(unconfirmed.exit_code == 2);
  CHECK_THAT(unconfirmed.err, Catch::Contains("environment 'production' requires --yes"));
  CHECK_THAT(unconfirmed.out, Catch::Contains("CREATE TABLE public.old") && Catch::Contains("DROP TABLE"));
  CHECK(unconfirmed.out.find(live.conninfo()) == std::string::npos);
  CHECK(unconfirmed.err.find(live.conninfo()) == std::string::npos);
  CHECK(tables(live).empty());
  CHECK(query(live, "SELECT to_regclass('schemactl.migrations') IS NULL") == "t");

  // The environment allows DELETES_DATA, so the drop runs without --allow-hazards.
  auto applied = repo.run({"apply", "--env", "production", "--yes"}, production);
  INFO(applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(tables(live) == "users");
  CHECK(query(live, "SELECT string_agg(status, ',' ORDER BY version) FROM schemactl.migrations") == "applied,applied");
  auto status = repo.run({"status", "--env", "production"}, production);
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("drop_old") && Catch::Contains("applied"));
  auto history = repo.run({"history", "--env", "production"}, production);
  CHECK_THAT(history.out, Catch::Contains("init"));
  auto plan = repo.run({"plan", "--env", "production", "--check"}, production);
  CHECK(plan.exit_code == 0);

  // --url wins over the environment's variable; the environment's policy still holds.
  auto flagged = repo.run({"rollback", "--env", "staging", "--url", live.conninfo()}, {{"STAGING_DATABASE_URL", ""}});
  CHECK(flagged.exit_code == 2);  // staging does not allow the irreversible down file
  CHECK_THAT(flagged.err, Catch::Contains("IRREVERSIBLE"));
  auto rollback = repo.run({"rollback", "--env", "production", "--allow-irreversible"}, production);
  CHECK(rollback.exit_code == 2);
  CHECK_THAT(rollback.err, Catch::Contains("requires --yes"));
  CHECK(tables(live) == "users");
}
