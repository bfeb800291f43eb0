// apply --phase expand|contract through the binary: expand before the deploy,
// contract after it, tracked step by step, drift checked at the state in between.
#include <catch2/catch.hpp>

#include <thread>

#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "support/repository.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::query;
using testing::Repository;

namespace {

constexpr const char* v1 = "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);\n";
// Expand: + nickname; contract: - legacy.
constexpr const char* v2 = "CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);\n";
constexpr const char* v3 = "CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text, age int);\n";

std::string columns(const engine::TemporaryDatabase& db) {
  return query(db, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
                   "WHERE attrelid = 'public.users'::regclass AND attnum > 0 AND NOT attisdropped");
}

void next_version() { std::this_thread::sleep_for(std::chrono::milliseconds(1100)); }

}  // namespace

TEST_CASE("apply --phase expand runs the expand steps, --phase contract the rest, in order", "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  REQUIRE(repo.run({"apply", "--url", live.conninfo()}).exit_code == 0);
  pqxx::nontransaction(*engine::connect(live.conninfo()))
      .exec("INSERT INTO users SELECT g, 'u' || g, 'x' FROM generate_series(1, 100) g");
  next_version();
  repo.set_schema(v2);
  REQUIRE(repo.run({"plan", "--write", "nickname"}).exit_code == 0);
  next_version();
  repo.set_schema(v3);
  REQUIRE(repo.run({"plan", "--write", "age"}).exit_code == 0);

  SECTION("contract first is refused, nothing run") {
    auto refused = repo.run({"apply", "--phase", "contract", "--allow-hazards", "all", "--url", live.conninfo()});
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Catch::Contains("expand steps of") && Catch::Contains("_nickname.sql") &&
                                Catch::Contains("--phase expand"));
    CHECK(columns(live) == "id,email,legacy");
  }

  auto dry = repo.run({"apply", "--phase", "expand", "--dry-run", "--url", live.conninfo()});
  INFO(dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK_THAT(dry.out, Catch::Contains("ADD COLUMN nickname") && !Catch::Contains("DROP COLUMN"));
  CHECK(columns(live) == "id,email,legacy");

  // Expand needs no DELETES_DATA: the drop is a contract step. The later migration
  // was planned from the state after that drop, so it waits.
  auto expand = repo.run({"apply", "--phase", "expand", "--url", live.conninfo()});
  INFO(expand.err);
  REQUIRE(expand.exit_code == 0);
  CHECK_THAT(expand.err, Catch::Contains("wait for `schemactl apply --phase contract`"));
  CHECK(columns(live) == "id,email,legacy,nickname");
  CHECK(query(live, "SELECT string_agg(status, ',' ORDER BY version) FROM schemactl.migrations") ==
        "applied,expanded");
  CHECK(query(live, "SELECT string_agg(s.step || ':' || s.status, ',' ORDER BY s.step) FROM schemactl.steps s "
                    "JOIN schemactl.migrations m USING (version) WHERE m.status = 'expanded'") == "1:applied");
  auto status = repo.run({"status", "--url", live.conninfo()});
  CHECK_THAT(status.out, Catch::Contains("expanded") && Catch::Contains("pending"));

  auto again = repo.run({"apply", "--phase", "expand", "--url", live.conninfo()});
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.err, Catch::Contains("Nothing to apply in the expand phase"));
  CHECK(columns(live) == "id,email,legacy,nickname");

  SECTION("drift after the expand phase is caught against the state it left") {
    pqxx::nontransaction(*engine::connect(live.conninfo())).exec("CREATE TABLE public.surprise (id int)");
    auto drifted = repo.run({"apply", "--phase", "contract", "--allow-hazards", "all", "--url", live.conninfo()});
    CHECK(drifted.exit_code == 3);
    CHECK_THAT(drifted.err, Catch::Contains("expand phase of") && Catch::Contains("surprise"));
    CHECK(columns(live) == "id,email,legacy,nickname");
  }

  SECTION("contract runs the drop, then expand reaches the next migration") {
    auto hazard = repo.run({"apply", "--phase", "contract", "--url", live.conninfo()});
    CHECK(hazard.exit_code == 2);
    CHECK_THAT(hazard.err, Catch::Contains("DELETES_DATA"));
    auto contract = repo.run({"apply", "--phase", "contract", "--allow-hazards", "DELETES_DATA", "--url",
                              live.conninfo()});
    INFO(contract.err);
    REQUIRE(contract.exit_code == 0);
    CHECK(columns(live) == "id,email,nickname");
    CHECK(query(live, "SELECT string_agg(status, ',' ORDER BY version) FROM schemactl.migrations") ==
          "applied,applied");
    CHECK_THAT(contract.err, Catch::Contains("_age.sql") && Catch::Contains("--phase expand"));
    auto next = repo.run({"apply", "--phase", "expand", "--url", live.conninfo()});
    REQUIRE(next.exit_code == 0);
    CHECK(columns(live) == "id,email,nickname,age");
    CHECK(query(live, "SELECT count(*) FROM schemactl.migrations WHERE status = 'applied'") == "3");
  }

  SECTION("apply without --phase finishes an expanded migration") {
    auto rest = repo.run({"apply", "--allow-hazards", "DELETES_DATA", "--url", live.conninfo()});
    INFO(rest.err);
    REQUIRE(rest.exit_code == 0);
    CHECK(columns(live) == "id,email,nickname,age");
    CHECK(query(live, "SELECT count(*) FROM schemactl.migrations WHERE status = 'applied'") == "3");
  }
}

TEST_CASE("tracking tables made before the expand phase existed are upgraded by the next apply", "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  next_version();
  repo.set_schema(v2);
  REQUIRE(repo.run({"plan", "--write", "nickname"}).exit_code == 0);
  engine::TemporaryDatabase live(testing::test_server(), "live");
  // The tables as an earlier schemactl made them: no expanded_fingerprint, no `expanded` status.
  pqxx::nontransaction(*engine::connect(live.conninfo())).exec(R"sql(
    CREATE SCHEMA schemactl;
    CREATE TABLE schemactl.migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      from_fingerprint text NOT NULL DEFAULT '', to_fingerprint text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('running', 'applied', 'failed', 'rolled_back')),
      started_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz,
      duration_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user,
      tool_version text NOT NULL, error text NOT NULL DEFAULT '');
    CREATE TABLE schemactl.steps (
      version text NOT NULL REFERENCES schemactl.migrations ON DELETE CASCADE, step integer NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'applied', 'failed', 'rolled_back')),
      duration_ms bigint NOT NULL DEFAULT 0, backfill_last_key text[] NOT NULL DEFAULT '{}',
      backfill_rows bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (version, step));
  )sql");
  CHECK(repo.run({"status", "--url", live.conninfo()}).exit_code == 0);
  auto expand = repo.run({"apply", "--phase", "expand", "--url", live.conninfo()});
  INFO(expand.err);
  REQUIRE(expand.exit_code == 0);
  CHECK(query(live, "SELECT string_agg(status, ',' ORDER BY version) FROM schemactl.migrations") ==
        "applied,expanded");
  CHECK(query(live, "SELECT count(*) FROM schemactl.migrations WHERE expanded_fingerprint LIKE 'sha256:%'") == "1");
}

TEST_CASE("apply --phase is for migration files, not a declarative apply", "[migrations]") {
  Repository repo;
  repo.set_schema(v1);
  auto result = repo.run({"apply", "--phase", "expand", "--schema", (repo.dir.path() / "schema").string(), "--url",
                          "postgresql://nowhere.invalid/app"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("--phase runs the steps of migration files"));
}
