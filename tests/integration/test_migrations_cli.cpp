// The pull-request workflow and apply in CD, through the binary: plan --write,
// plan --check, integrity, branch conflicts, hand-written migrations, tracked apply.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>
#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "engine/scratch.hpp"
#include "schema/source.hpp"
#include "support/process.hpp"
#include "support/repository.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::Repository;
using testing::query;
using testing::run_schemactl;
namespace fs = std::filesystem;

namespace {

constexpr const char* v1 = "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);\n";
constexpr const char* v2 =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, legacy text);\n"
    "CREATE UNIQUE INDEX users_email ON users (email);\n";

}  // namespace

TEST_CASE("plan --write saves migrations that replay to the desired schema, so plan --check passes", "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  REQUIRE(repo.run({"plan", "--check"}).exit_code == 2);
  auto written = repo.run({"plan", "--write", "init"});
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK(repo.run({"plan", "--check"}).exit_code == 0);

  repo.set_schema(v2);
  auto missing = repo.run({"plan", "--check"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("a migration is missing"));
  CHECK_THAT(missing.out, Catch::Contains("CREATE UNIQUE INDEX CONCURRENTLY"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // versions are per second
  REQUIRE(repo.run({"plan", "--write", "Unique email!"}).exit_code == 0);
  CHECK(repo.run({"plan", "--check"}).exit_code == 0);
  CHECK(repo.run({"verify"}).exit_code == 0);

  auto up = schema::read_file(repo.latest_up());
  CHECK_THAT(repo.latest_up().filename().string(), Catch::EndsWith("_unique_email.sql"));
  CHECK_THAT(up, Catch::StartsWith("-- schemactl migration "));
  CHECK_THAT(up, Catch::Contains("-- why: NOT VALID") && Catch::Contains("SET lock_timeout = '2s';"));
  CHECK_THAT(up, Catch::Contains("-- preflight: duplicate keys in public.users (email)"));
  auto down = repo.latest_up();
  down.replace_extension(".down.sql");
  CHECK_THAT(schema::read_file(down), Catch::Contains("DROP INDEX CONCURRENTLY IF EXISTS public.users_email"));

  auto markdown = repo.run({"plan", "--format", "markdown"});
  CHECK_THAT(markdown.out, Catch::Contains("No changes"));
}

TEST_CASE("the same inputs write the same migration bytes", "[migrations]") {
  Repository a, b;
  a.set_schema(v2);
  b.set_schema(v2);
  REQUIRE(a.run({"plan", "--write", "init"}).exit_code == 0);
  REQUIRE(b.run({"plan", "--write", "init"}).exit_code == 0);
  auto without_version = [](const fs::path& file) {
    return std::regex_replace(schema::read_file(file), std::regex("[0-9]{8}T[0-9]{6}Z"), "V");
  };
  CHECK(without_version(a.latest_up()) == without_version(b.latest_up()));
}

TEST_CASE("an edited, removed or unrecorded migration fails verify, plan and apply with exit 3, naming it",
          "[migrations]") {
  Repository repo;
  repo.set_schema(v2);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  auto up = repo.latest_up();
  std::ofstream(up, std::ios::app) << "-- an innocent edit\n";
  engine::TemporaryDatabase live(testing::test_server(), "live");
  for (auto args : std::vector<std::vector<std::string>>{{"verify"}, {"plan", "--check"}, {"apply", "--url", live.conninfo()}}) {
    auto result = repo.run(args);
    CHECK(result.exit_code == 3);
    CHECK_THAT(result.err, Catch::Contains(up.filename().string()) && Catch::Contains("edited"));
  }
  CHECK(query(live, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");

  fs::remove(up);
  auto removed = repo.run({"verify"});
  CHECK(removed.exit_code == 3);
  CHECK_THAT(removed.err, Catch::Contains(up.filename().string()));
}

TEST_CASE("two branches that each add a migration are caught as a conflict, with how to resolve it",
          "[migrations]") {
  Repository base;
  base.set_schema(v1);
  REQUIRE(base.run({"plan", "--write", "init"}).exit_code == 0);
  Repository other;
  fs::copy(base.migrations(), other.migrations(), fs::copy_options::recursive);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  other.set_schema(std::string(v1) + "CREATE INDEX users_legacy ON users (legacy);\n");
  REQUIRE(other.run({"plan", "--write", "legacy_index"}).exit_code == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  base.set_schema(v2);
  REQUIRE(base.run({"plan", "--write", "unique_email"}).exit_code == 0);
  // The merge: both branches' files in one directory, and the sum rehashed by hand.
  for (const auto& file : other.files()) {
    if (!fs::exists(base.migrations() / file.filename())) fs::copy(file, base.migrations() / file.filename());
  }
  REQUIRE(base.run({"hash"}).exit_code == 0);
  auto result = base.run({"plan", "--check"});
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.err, Catch::Contains("legacy_index") && Catch::Contains("unique_email") &&
                             Catch::Contains("schemactl plan --write"));
}

TEST_CASE("apply runs pending migrations once, recorded; hand-written ones take part", "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  auto first = repo.run({"apply", "--url", live.conninfo()});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  pqxx::nontransaction(*engine::connect(live.conninfo()))
      .exec("INSERT INTO users SELECT g, 'u' || g, 'x' FROM generate_series(1, 300) g");

  // A hand-written data fix, accepted into the sum, then the next generated migration.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  repo.dir.write("migrations/" + std::string("29990101T000000Z_tidy_legacy.sql"),
                 "UPDATE users SET legacy = NULL WHERE legacy = 'x';\n");
  REQUIRE(repo.run({"hash"}).exit_code == 0);
  CHECK(repo.run({"plan", "--check"}).exit_code == 0);
  auto applied = repo.run({"apply", "--url", live.conninfo()});
  INFO(applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(query(live, "SELECT count(*) FROM users WHERE legacy IS NOT NULL") == "0");
  CHECK(query(live, "SELECT string_agg(status, ',' ORDER BY version) FROM schemactl.migrations") == "applied,applied");
  CHECK(query(live, "SELECT count(*) FROM schemactl.steps WHERE status = 'applied'") == "2");

  auto again = repo.run({"apply", "--url", live.conninfo()});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains("Nothing to apply"));

  auto status = repo.run({"status", "--url", live.conninfo()});
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.out, Catch::Contains("tidy_legacy") && Catch::Contains("applied"));
  auto history = repo.run({"history", "--url", live.conninfo(), "--format", "json"});
  REQUIRE(history.exit_code == 0);
  auto records = nlohmann::json::parse(history.out);
  REQUIRE(records.size() == 2);
  CHECK(records[1]["name"] == "tidy_legacy");
  CHECK(records[1]["status"] == "applied");
}

TEST_CASE("apply refuses a database that drifted from the migration's starting point, with what drifted",
          "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  pqxx::nontransaction(*engine::connect(live.conninfo())).exec("CREATE TABLE surprise (id int)");
  auto result = repo.run({"apply", "--url", live.conninfo()});
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.err, Catch::Contains("drifted") && Catch::Contains("surprise"));
  CHECK(query(live, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'") == "0");
}

TEST_CASE("a second apply waits for the lock, or with --no-wait says who holds it", "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  auto holder = engine::connect(live.conninfo());
  pqxx::nontransaction(*holder).exec("SET application_name = 'other deploy'; SELECT pg_advisory_lock(8314604121892152180)");
  auto result = repo.run({"apply", "--no-wait", "--url", live.conninfo()});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("another schemactl apply is running") && Catch::Contains("other deploy"));
  CHECK(query(live, "SELECT count(*) FROM pg_tables WHERE tablename = 'users'") == "0");
}

TEST_CASE("backfill_pause rests between batches, leaving the database to the application", "[migrations]") {
  Repository repo("backfill_pause = \"500ms\"\n");
  repo.set_schema("CREATE TABLE users (id bigint PRIMARY KEY);\n");
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  REQUIRE(repo.run({"apply", "--url", live.conninfo()}).exit_code == 0);
  pqxx::nontransaction(*engine::connect(live.conninfo()))
      .exec("INSERT INTO users SELECT generate_series(1, 5000); ANALYZE users");

  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  repo.set_schema("CREATE TABLE users (id bigint PRIMARY KEY, token uuid NOT NULL DEFAULT gen_random_uuid());\n");
  REQUIRE(repo.run({"plan", "--write", "token"}).exit_code == 0);
  auto applied = repo.run({"apply", "--url", live.conninfo()});
  INFO(applied.err);
  REQUIRE(applied.exit_code == 0);
  // Batches of 1,000 then 2,000 rows: at least two pauses in 5,000 rows.
  std::smatch rate;
  REQUIRE(std::regex_search(applied.err, rate, std::regex(R"(backfilled 5,?000 rows · (\d+) rows/s)")));
  CHECK(std::stoi(rate[1]) < 5000);
  CHECK(query(live, "SELECT count(*) FROM users WHERE token IS NULL") == "0");
}

TEST_CASE("migrations that grant to roles replay on the embedded scratch cluster, which gets the roles, not the "
          "server", "[migrations][privileges]") {
  Repository repo("manage_privileges = true\n");
  repo.set_schema("CREATE TABLE docs (id bigint PRIMARY KEY);\nGRANT SELECT ON docs TO \"Schemactl Replayed Role\";\n");
  auto written = repo.run({"plan", "--write", "init", "--dev-url", "embedded"});
  INFO(written.err);
  REQUIRE(written.exit_code == 0);
  CHECK_THAT(schema::read_file(repo.latest_up()),
             Catch::Contains("GRANT SELECT ON TABLE public.docs TO \"Schemactl Replayed Role\"") &&
                 Catch::Contains("-- preflight: role \"Schemactl Replayed Role\" does not exist"));

  // The schema no longer names the role: only replaying the migration needs it.
  repo.set_schema("CREATE TABLE docs (id bigint PRIMARY KEY);\n");
  auto check = repo.run({"plan", "--check", "--dev-url", "embedded"});
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.out, Catch::Contains("REVOKE SELECT ON TABLE public.docs FROM \"Schemactl Replayed Role\""));
  engine::TemporaryDatabase server(testing::test_server(), "roles");
  CHECK(query(server, "SELECT count(*) FROM pg_roles WHERE rolname = 'Schemactl Replayed Role'") == "0");
}
