// Crash safety of a tracked apply: the process is killed with SIGKILL at every
// point of every step of a multi-step migration (SCHEMACTL_KILL_AT, see
// cli/kill_points.hpp), and the next apply must finish it: the same schema as an
// apply that was never interrupted, every row backfilled, no step run twice.
#include <catch2/catch.hpp>

#include <thread>

#include <fmt/core.h>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "engine/connection.hpp"
#include "engine/scratch.hpp"
#include "planner/migration_file.hpp"
#include "schema/source.hpp"
#include "support/process.hpp"
#include "support/repository.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::query;
using testing::Repository;
namespace fs = std::filesystem;

namespace {

constexpr int killed_exit = 128 + 9;  // run_process's code for a process killed by SIGKILL

constexpr const char* before_schema =
    "CREATE TABLE teams (id bigint PRIMARY KEY);\n"
    "CREATE TABLE accounts (id bigint PRIMARY KEY, email text, team_id bigint, legacy text);\n";
// One of each kind of step: metadata in a shared transaction, a batched backfill, a
// VALIDATE in its own transaction, CREATE INDEX CONCURRENTLY outside any, a drop.
constexpr const char* after_schema =
    "CREATE TABLE teams (id bigint PRIMARY KEY);\n"
    "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL, team_id bigint REFERENCES teams,\n"
    "  token uuid NOT NULL DEFAULT gen_random_uuid());\n"
    "CREATE UNIQUE INDEX accounts_email ON accounts (email);\n";

// Keeps the migrations written so far as a project of their own, "first.toml", so a
// database can be brought to this point while later migrations exist.
void keep_first_migrations(const Repository& repo) {
  fs::copy(repo.migrations(), repo.dir.path() / "first-migrations");
  repo.dir.write("first.toml", "schema = [\"schema/*.sql\"]\nmigrations = \"first-migrations\"\ndev_url = \"" +
                                   testing::test_server().conninfo() + "\"\n");
}

testing::ProcessResult run_killed_at(const Repository& repo, std::vector<std::string> args, const std::string& kill_at) {
  return repo.run(std::move(args), {{"SCHEMACTL_KILL_AT", kill_at}});
}

// The newest up migration, read back as apply reads it.
planner::Migration latest(const Repository& repo) {
  auto file = repo.latest_up();
  return planner::read_migration(file.filename().string(), schema::read_file(file));
}

// A database with the first migration applied and rows that every step has to deal with.
struct Live {
  engine::TemporaryDatabase db{testing::test_server(), "crash"};
  explicit Live(const Repository& repo) {
    auto first = repo.run({"apply", "--url", db.conninfo()}, {}, "first.toml");
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    pqxx::nontransaction(*engine::connect(db.conninfo()))
        .exec("INSERT INTO teams SELECT generate_series(1, 10);"
              "INSERT INTO accounts SELECT g, 'user' || g, g % 10 + 1, 'x' FROM generate_series(1, 4000) g;"
              "ANALYZE accounts");
  }
  std::string inspect(const Repository& repo) const {
    auto result = repo.run({"inspect", "--url", db.conninfo()});
    REQUIRE(result.exit_code == 0);
    return result.out;
  }
};

// The points at which a step can be killed, given how it runs.
std::vector<std::string> kill_points(const engine::Step& step) {
  if (step.backfill) return {"before", "batch", "committed"};
  if (step.tx == engine::TxMode::none) return {"before", "committed"};
  return {"before", "uncommitted", "committed"};
}

}  // namespace

TEST_CASE("apply killed at any point of any step is finished by the next apply, as if never interrupted",
          "[crash]") {
  Repository repo;
  repo.set_schema(before_schema);
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  keep_first_migrations(repo);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // versions are per second
  repo.set_schema(after_schema);
  REQUIRE(repo.run({"plan", "--write", "tighten_accounts"}).exit_code == 0);
  auto migration = latest(repo);
  REQUIRE(migration.steps.size() >= 8);

  Live reference(repo);
  REQUIRE(repo.run({"apply", "--url", reference.db.conninfo(), "--allow-hazards", "all"}).exit_code == 0);
  const auto expected = reference.inspect(repo);
  const auto expected_steps =
      query(reference.db, "SELECT count(*) FROM schemactl.steps WHERE status = 'applied'");

  int kills = 0;
  for (std::size_t i = 0; i < migration.steps.size(); ++i) {
    for (const auto& point : kill_points(migration.steps[i].step)) {
      auto kill_at = fmt::format("{}:{}", point, i + 1);
      INFO("killed at " << kill_at << ": " << migration.steps[i].step.sql);
      Live live(repo);
      auto killed = run_killed_at(repo, {"apply", "--url", live.db.conninfo(), "--allow-hazards", "all"}, kill_at);
      INFO(killed.err);
      REQUIRE(killed.exit_code == killed_exit);
      ++kills;

      auto resumed = repo.run({"apply", "--url", live.db.conninfo(), "--allow-hazards", "all"});
      INFO(resumed.err);
      REQUIRE(resumed.exit_code == 0);
      CHECK(live.inspect(repo) == expected);
      CHECK(query(live.db, "SELECT count(*) FROM accounts WHERE token IS NULL") == "0");
      CHECK(query(live.db, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
      CHECK(query(live.db, "SELECT string_agg(status, ',') FROM schemactl.migrations") == "applied,applied");
      CHECK(query(live.db, "SELECT count(*) FROM schemactl.steps WHERE status = 'applied'") ==
            expected_steps);
    }
  }
  CHECK(kills >= 3 * static_cast<int>(migration.steps.size()) - 2);
}

TEST_CASE("a hand-written data migration killed at any point runs each statement exactly once", "[crash]") {
  Repository repo;
  repo.set_schema("CREATE TABLE audit (entry text);\n");
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  const std::string data_migration = "migrations/29990101T000000Z_record_once.sql";
  // Outside a transaction a statement can finish and the process die before it is
  // recorded: such statements must be idempotent (lint SC116), the others need not.
  const std::string statements =
      "INSERT INTO audit VALUES ('first');\n"
      "CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_entry ON audit (entry);\n"
      "INSERT INTO audit VALUES ('second');\n";
  repo.set_schema("CREATE TABLE audit (entry text);\nCREATE INDEX audit_entry ON audit (entry);\n");

  auto steps = planner::read_migration("29990101T000000Z_record_once.sql", statements).steps;
  REQUIRE(steps.size() == 3);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    for (const auto& point : kill_points(steps[i].step)) {
      auto kill_at = fmt::format("{}:{}", point, i + 1);
      INFO("killed at " << kill_at);
      // The first migration is applied before the data migration exists, so only
      // the data migration has the step numbers that are killed.
      fs::remove(repo.dir.path() / data_migration);
      REQUIRE(repo.run({"hash"}).exit_code == 0);
      engine::TemporaryDatabase live(testing::test_server(), "crash");
      REQUIRE(repo.run({"apply", "--url", live.conninfo()}).exit_code == 0);
      repo.dir.write(data_migration, statements);
      REQUIRE(repo.run({"hash"}).exit_code == 0);

      REQUIRE(run_killed_at(repo, {"apply", "--url", live.conninfo()}, kill_at).exit_code == killed_exit);
      auto resumed = repo.run({"apply", "--url", live.conninfo()});
      INFO(resumed.err);
      REQUIRE(resumed.exit_code == 0);
      CHECK(query(live, "SELECT string_agg(entry, ',' ORDER BY entry) FROM audit") == "first,second");
      CHECK(query(live, "SELECT count(*) FROM pg_index WHERE NOT indisvalid") == "0");
      CHECK(repo.run({"plan", "--check", "--url", live.conninfo()}).exit_code == 0);
    }
  }
}

TEST_CASE("apply killed during CREATE INDEX CONCURRENTLY leaves an INVALID index that the next apply rebuilds",
          "[crash]") {
  Repository repo;
  repo.set_schema("CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n");
  REQUIRE(repo.run({"plan", "--write", "init"}).exit_code == 0);
  keep_first_migrations(repo);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  repo.set_schema("CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\n"
                                   "CREATE UNIQUE INDEX accounts_email ON accounts (email);\n");
  REQUIRE(repo.run({"plan", "--write", "index_email"}).exit_code == 0);
  REQUIRE(latest(repo).steps.size() == 1);

  engine::TemporaryDatabase live(testing::test_server(), "crash");
  REQUIRE(repo.run({"apply", "--url", live.conninfo()}, {}, "first.toml").exit_code == 0);
  pqxx::nontransaction(*engine::connect(live.conninfo()))
      .exec("INSERT INTO accounts SELECT g, 'user' || g FROM generate_series(1, 1000) g");
  {
    // An older snapshot makes the index build wait in its last phase, with the
    // index in the catalog but not yet valid: the process dies there.
    auto holder = engine::connect(live.conninfo());
    pqxx::work snapshot(*holder, "old snapshot");
    snapshot.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    snapshot.exec("SELECT 1");
    auto killed = run_killed_at(repo, {"apply", "--url", live.conninfo()}, "during:1");
    INFO(killed.err);
    REQUIRE(killed.exit_code == killed_exit);
    CHECK(query(live, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass") ==
          "f");
    // Within a second or so the server notices that the client is gone and ends the
    // build, before the old snapshot goes away and would have let it finish.
    auto builds = [&] {
      // This database's only: tests running beside this one apply to theirs.
      return query(live, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'schemactl apply' "
                         "AND datname = current_database()");
    };
    for (int i = 0; i < 100 && builds() != "0"; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(builds() == "0");
  }
  CHECK(query(live, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass") ==
        "f");

  auto resumed = repo.run({"apply", "--url", live.conninfo()});
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(query(live, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'accounts_email'::regclass") ==
        "t");
  CHECK(repo.run({"plan", "--check", "--url", live.conninfo()}).exit_code == 0);
}
