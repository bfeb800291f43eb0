// schemactl rollback through the binary: the down file of the last migration, under
// the apply lock, recorded; refused on drift and on an irreversible down file.
#include <catch2/catch.hpp>

#include <thread>

#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "schema/source.hpp"
#include "support/repository.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::query;
using testing::Repository;

namespace {

constexpr const char* v1 = "CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text);\n";

std::string columns(const engine::TemporaryDatabase& db) {
  return query(db, "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute "
                   "WHERE attrelid = 'public.users'::regclass AND attnum > 0 AND NOT attisdropped");
}

std::string statuses(const engine::TemporaryDatabase& db) {
  return query(db, "SELECT string_agg(status, ',' ORDER BY version) FROM schemactl.migrations");
}

// v1 applied with rows, then a second migration to `v2` written (not applied).
struct Deployed {
  Repository repo;
  engine::TemporaryDatabase live{testing::test_server(), "live"};
  explicit Deployed(const std::string& v2) {
    repo.set_schema(v1);
    REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
    REQUIRE(repo.run({"apply", "--url", live.conninfo()}).exit_code == 0);
    pqxx::nontransaction(*engine::connect(live.conninfo()))
        .exec("INSERT INTO users SELECT g, 'u' || g, 'x' FROM generate_series(1, 100) g");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // versions are per second
    repo.set_schema(v2);
    REQUIRE(repo.run({"plan", "--write", "second"}).exit_code == 0);
  }
  testing::ProcessResult run(std::vector<std::string> args) const {
    args.insert(args.end(), {"--url", live.conninfo()});
    return repo.run(args);
  }
};

}  // namespace

TEST_CASE("rollback runs the last migration's down file, recorded, and apply re-applies it", "[migrations]") {
  Deployed deployed("CREATE TABLE users (id bigint PRIMARY KEY, email text, legacy text, nickname text);\n"
                    "CREATE INDEX users_email ON users (email);\n");
  REQUIRE(deployed.run({"apply"}).exit_code == 0);
  REQUIRE(columns(deployed.live) == "id,email,legacy,nickname");

  // The down file drops the new column and index: hazards (data written since is lost).
  auto hazard = deployed.run({"rollback"});
  CHECK(hazard.exit_code == 2);
  CHECK_THAT(hazard.err, Catch::Contains("DELETES_DATA") && Catch::Contains("INDEX_DROPPED"));
  auto dry = deployed.run({"rollback", "--dry-run", "--allow-hazards", "DELETES_DATA,INDEX_DROPPED"});
  INFO(dry.err);
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.out, Catch::Contains("DROP COLUMN nickname") && Catch::Contains("DROP INDEX CONCURRENTLY"));
  CHECK(columns(deployed.live) == "id,email,legacy,nickname");
  CHECK(statuses(deployed.live) == "applied,applied");

  SECTION("drift from the migration's end state is refused, nothing run") {
    pqxx::nontransaction(*engine::connect(deployed.live.conninfo())).exec("CREATE TABLE public.surprise (id int)");
    auto drifted = deployed.run({"rollback", "--allow-hazards", "DELETES_DATA,INDEX_DROPPED"});
    CHECK(drifted.exit_code == 3);
    CHECK_THAT(drifted.err, Catch::Contains("drifted") && Catch::Contains("surprise"));
    CHECK(columns(deployed.live) == "id,email,legacy,nickname");
    CHECK(statuses(deployed.live) == "applied,applied");
  }

  SECTION("rolled back, pending again, and re-applied") {
    auto rolled = deployed.run({"rollback", "--allow-hazards", "DELETES_DATA,INDEX_DROPPED"});
    INFO(rolled.err);
    REQUIRE(rolled.exit_code == 0);
    CHECK(columns(deployed.live) == "id,email,legacy");
    CHECK(query(deployed.live, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") == "0");
    CHECK(statuses(deployed.live) == "applied,rolled_back");
    CHECK(query(deployed.live, "SELECT count(*) FROM schemactl.steps s JOIN schemactl.migrations m USING (version) "
                               "WHERE m.status = 'rolled_back' AND s.status <> 'rolled_back'") == "0");
    CHECK_THAT(deployed.run({"status"}).out, Catch::Contains("rolled_back"));

    auto reapplied = deployed.run({"apply"});
    INFO(reapplied.err);
    REQUIRE(reapplied.exit_code == 0);
    CHECK(columns(deployed.live) == "id,email,legacy,nickname");
    CHECK(statuses(deployed.live) == "applied,applied");

    // Twice more: the second migration, then the first.
    REQUIRE(deployed.run({"rollback", "--allow-hazards", "DELETES_DATA,INDEX_DROPPED"}).exit_code == 0);
    REQUIRE(deployed.run({"rollback", "--allow-hazards", "DELETES_DATA,INDEX_DROPPED"}).exit_code == 0);
    CHECK(query(deployed.live, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0");
    CHECK(statuses(deployed.live) == "rolled_back,rolled_back");
    auto nothing = deployed.run({"rollback"});
    CHECK(nothing.exit_code == 0);
    CHECK_THAT(nothing.err, Catch::Contains("Nothing to roll back"));
  }
}

TEST_CASE("rollback refuses an IRREVERSIBLE down file unless --allow-irreversible", "[migrations]") {
  Deployed deployed("CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  REQUIRE(deployed.run({"apply", "--allow-hazards", "DELETES_DATA"}).exit_code == 0);
  REQUIRE(columns(deployed.live) == "id,email");

  auto refused = deployed.run({"rollback", "--allow-hazards", "all"});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("_second.sql") && Catch::Contains("IRREVERSIBLE") &&
                              Catch::Contains("legacy") && Catch::Contains("--allow-irreversible"));
  CHECK(columns(deployed.live) == "id,email");
  CHECK(statuses(deployed.live) == "applied,applied");

  auto allowed = deployed.run({"rollback", "--allow-irreversible"});
  INFO(allowed.err);
  REQUIRE(allowed.exit_code == 0);
  CHECK(columns(deployed.live) == "id,email,legacy");
  CHECK(query(deployed.live, "SELECT count(legacy) FROM users") == "0");  // the schema comes back, the data not
  CHECK(statuses(deployed.live) == "applied,rolled_back");
  REQUIRE(deployed.run({"apply", "--allow-hazards", "DELETES_DATA"}).exit_code == 0);
  CHECK(columns(deployed.live) == "id,email");
}

TEST_CASE("rollback of a migration applied only in the expand phase undoes the expand steps", "[migrations]") {
  Deployed deployed("CREATE TABLE users (id bigint PRIMARY KEY, email text, nickname text);\n");
  REQUIRE(deployed.run({"apply", "--phase", "expand"}).exit_code == 0);
  REQUIRE(columns(deployed.live) == "id,email,legacy,nickname");
  REQUIRE(statuses(deployed.live) == "applied,expanded");

  // The contract (the drop of legacy) never ran: nothing irreversible happened, and
  // the down file, which assumes it ran, does not serve.
  auto dry = deployed.run({"rollback", "--dry-run", "--allow-hazards", "DELETES_DATA"});
  INFO(dry.err);
  REQUIRE(dry.exit_code == 0);
  CHECK_THAT(dry.err, Catch::Contains("only its expand phase ran"));
  CHECK_THAT(dry.out, Catch::Contains("DROP COLUMN nickname") && !Catch::Contains("ADD COLUMN legacy"));

  auto rolled = deployed.run({"rollback", "--allow-hazards", "DELETES_DATA"});
  INFO(rolled.err);
  REQUIRE(rolled.exit_code == 0);
  CHECK(columns(deployed.live) == "id,email,legacy");
  CHECK(query(deployed.live, "SELECT count(legacy) FROM users") == "100");
  CHECK(statuses(deployed.live) == "applied,rolled_back");

  REQUIRE(deployed.run({"apply", "--allow-hazards", "DELETES_DATA"}).exit_code == 0);
  CHECK(columns(deployed.live) == "id,email,nickname");
  CHECK(statuses(deployed.live) == "applied,applied");
}

TEST_CASE("an annotated rename applies from its migration file, keeps the rows, and its down file renames back",
          "[migrations]") {
  Deployed deployed("CREATE TABLE users (id bigint PRIMARY KEY, email text,\n"
                    "  -- schemactl:renamed-from legacy\n"
                    "  \"Old Notes\" text);\n");
  auto up = schema::read_file(deployed.repo.latest_up());
  CHECK_THAT(up, Catch::Contains("ALTER TABLE public.users RENAME COLUMN legacy TO \"Old Notes\""));
  CHECK_THAT(up, Catch::Contains("-- hazards: none"));
  auto down = deployed.repo.latest_up();
  down.replace_extension(".down.sql");
  CHECK_THAT(schema::read_file(down), Catch::Contains("ALTER TABLE public.users RENAME COLUMN \"Old Notes\" TO legacy"));

  auto applied = deployed.run({"apply"});
  INFO(applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(columns(deployed.live) == "id,email,Old Notes");
  CHECK(query(deployed.live, "SELECT count(\"Old Notes\") FROM users") == "100");
  CHECK(deployed.repo.run({"plan", "--check"}).exit_code == 0);  // the annotation, now stale, is a no-op

  auto rolled = deployed.run({"rollback"});
  INFO(rolled.err);
  REQUIRE(rolled.exit_code == 0);
  CHECK(columns(deployed.live) == "id,email,legacy");
  CHECK(query(deployed.live, "SELECT count(legacy) FROM users") == "100");
}
