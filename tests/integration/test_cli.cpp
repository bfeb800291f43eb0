// schemactl as users run it: the binary, its output and its exit codes, against a
// real PostgreSQL.
#include <catch2/catch.hpp>

#include <filesystem>
#include <iterator>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "engine/scratch.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::run_schemactl;

namespace {

constexpr const char* users_v1 = "CREATE TABLE users (id bigint PRIMARY KEY, email text, note text);\n";
constexpr const char* users_v2 =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, note text);\n"
    "CREATE UNIQUE INDEX users_email ON users (email);\n";

// A live database holding users_v1 with rows, and a folder for schema files.
struct LiveDatabase {
  engine::TemporaryDatabase db{testing::test_server(), "cli"};
  testing::TempDir dir;
  LiveDatabase() {
    auto conn = engine::connect(db.conninfo());
    pqxx::nontransaction(*conn).exec(std::string(users_v1) +
                                     "INSERT INTO users SELECT g, 'u' || g || '@example.com', 'n' "
                                     "FROM generate_series(1, 500) g;");
  }
  std::string schema_file(const std::string& text) const { return dir.write("schema.sql", text).string(); }
  std::string query(const std::string& sql) const {
    auto conn = engine::connect(db.conninfo());
    return pqxx::nontransaction(*conn).exec1(sql)[0].as<std::string>();
  }
};

std::vector<std::string> with_servers(const LiveDatabase& live, std::vector<std::string> args) {
  args.insert(args.end(), {"--url", live.db.conninfo(), "--dev-url", testing::test_server().conninfo()});
  return args;
}

}  // namespace

TEST_CASE("plan --check exits 2 while changes are pending, apply converges, then plan --check exits 0", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);

  auto plan = run_schemactl(with_servers(live, {"plan", "--check", "--schema", schema}));
  CHECK(plan.exit_code == 2);
  CHECK_THAT(plan.out, Catch::Contains("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email"));
  CHECK_THAT(plan.out, Catch::Contains("VALIDATE CONSTRAINT"));

  auto apply = run_schemactl(with_servers(live, {"apply", "--schema", schema}));
  INFO(apply.err);
  CHECK(apply.exit_code == 0);
  CHECK_THAT(apply.err, Catch::Contains("The database matches the desired schema"));
  CHECK(live.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") == "1");

  auto again = run_schemactl(with_servers(live, {"plan", "--check", "--schema", schema}));
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.out, Catch::Contains("No changes"));
}

TEST_CASE("a syntax error is reported at file:line:col with the offending line, and nothing runs", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file("CREATE TABLE users (id bigint PRIMARY KEY,\n  email txt NOT NUL);\n");
  auto result = run_schemactl(with_servers(live, {"apply", "--schema", schema}));
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::StartsWith(schema + ":2:"));
  CHECK_THAT(result.err, Catch::Contains("email txt NOT NUL);"));
  CHECK(live.query("SELECT count(*) FROM users") == "500");
}

TEST_CASE("a statement the server refuses is reported at its file:line:col", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file("\nCREATE TABLE users (id bigint PRIMARY KEY, email no_such_type);\n");
  auto result = run_schemactl(with_servers(live, {"plan", "--schema", schema}));
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::StartsWith(schema + ":2:1: ") && Catch::Contains("no_such_type"));
}

TEST_CASE("DML in a schema file is refused, naming the statement", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(std::string(users_v1) + "INSERT INTO users VALUES (1, 'a', 'b');\n");
  auto result = run_schemactl(with_servers(live, {"apply", "--schema", schema}));
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::StartsWith(schema + ":2:1: INSERT is not allowed in a schema file"));
}

TEST_CASE("a hazard that was not allowed exits 2 and leaves the database untouched", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file("CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n");
  auto refused = run_schemactl(with_servers(live, {"apply", "--schema", schema}));
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("DELETES_DATA") && Catch::Contains("--allow-hazards DELETES_DATA"));
  CHECK(live.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'") == "3");
  CHECK(live.query("SELECT is_nullable FROM information_schema.columns WHERE column_name = 'email'") == "YES");

  auto allowed = run_schemactl(with_servers(live, {"apply", "--schema", schema, "--allow-hazards", "DELETES_DATA"}));
  CHECK(allowed.exit_code == 0);
  CHECK(live.query("SELECT count(*) FROM information_schema.columns WHERE table_name = 'users'") == "2");
}

TEST_CASE("an unknown hazard name is an error before anything runs", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v1);
  auto result = run_schemactl(with_servers(live, {"apply", "--schema", schema, "--allow-hazards", "DROP_ALL"}));
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("unknown hazard 'DROP_ALL'"));
}

TEST_CASE("apply --dry-run shows the plan and changes nothing", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);
  auto result = run_schemactl(with_servers(live, {"apply", "--dry-run", "--schema", schema}));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("users_email"));
  CHECK(live.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") == "0");
}

TEST_CASE("an unreachable server is a clear error that never shows the password", "[cli]") {
  testing::TempDir dir;
  auto schema = dir.write("schema.sql", users_v1).string();
  auto result = run_schemactl({"plan", "--schema", schema, "--dev-url", testing::test_server().conninfo(), "--url",
                               "postgresql://app:s3cret-pw@127.0.0.1:1/app?connect_timeout=2"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("cannot connect to"));
  CHECK_THAT(result.err + result.out, !Catch::Contains("s3cret-pw"));
}

TEST_CASE("inspect prints SQL that rebuilds an identical schema", "[cli]") {
  LiveDatabase live;
  auto first = run_schemactl({"inspect", "--url", live.db.conninfo()});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("CREATE TABLE public.users"));

  engine::TemporaryDatabase copy(testing::test_server(), "copy");
  pqxx::nontransaction(*engine::connect(copy.conninfo())).exec(first.out);
  auto second = run_schemactl({"inspect", "--url", copy.conninfo()});
  CHECK(second.out == first.out);

  auto json = run_schemactl({"inspect", "--url", live.db.conninfo(), "--format", "json"});
  auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["tables"][0]["name"] == "users");
}

TEST_CASE("diff prints a unified diff between a database and schema files", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);
  auto result = run_schemactl({"diff", live.db.conninfo(), schema, "--dev-url", testing::test_server().conninfo()});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("+CREATE UNIQUE INDEX users_email ON public.users USING btree (email);"));
  CHECK_THAT(result.out, Catch::Contains("-    email text,") && Catch::Contains("+    email text NOT NULL,"));
}

TEST_CASE("plan --format json is a machine-readable plan", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);
  auto result = run_schemactl(with_servers(live, {"plan", "--format", "json", "--schema", schema}));
  REQUIRE(result.exit_code == 0);
  auto plan = nlohmann::json::parse(result.out);
  CHECK(plan["steps"].size() == 5);
  CHECK(plan["steps"][0]["transaction"] == "no-tx");
  CHECK(plan["hazards"].empty());
}

TEST_CASE("output has no colour when it is not a terminal, or with NO_COLOR", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);
  auto plain = run_schemactl(with_servers(live, {"plan", "--schema", schema}), {{"TERM", "xterm"}});
  CHECK_THAT(plain.out, !Catch::Contains("\x1b["));
  auto no_colour = run_schemactl(with_servers(live, {"plan", "--schema", schema}), {{"NO_COLOR", "1"}});
  CHECK_THAT(no_colour.out, !Catch::Contains("\x1b["));
}

TEST_CASE("a config file supplies the schema and timeouts; its errors name file, line and key", "[cli]") {
  LiveDatabase live;
  live.dir.write("schema/users.sql", users_v2);
  auto config = live.dir.write("schemactl.toml", "schema = [\"schema/*.sql\"]\nlock_timeout = \"5s\"\n").string();
  auto result = run_schemactl(with_servers(live, {"plan", "--config", config, "--format", "sql"}));
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("lock_timeout=5s"));

  auto bad = live.dir.write("bad.toml", "schema = [\"schema/*.sql\"]\nlock_timeot = \"5s\"\n").string();
  auto error = run_schemactl(with_servers(live, {"plan", "--config", bad}));
  CHECK(error.exit_code == 1);
  CHECK_THAT(error.err, Catch::StartsWith(bad + ":2:1: unknown key 'lock_timeot'"));
}

TEST_CASE("plan keeps the desired state in the cache folder, and cache_dir = \"off\" keeps none", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);
  auto cache = live.dir.path() / "cache";
  std::map<std::string, std::string> environment{{"SCHEMACTL_CACHE_DIR", cache.string()}};
  auto first = run_schemactl(with_servers(live, {"plan", "--format", "sql", "--schema", schema}), environment);
  INFO(first.err);
  CHECK(first.exit_code == 0);
  REQUIRE(std::filesystem::exists(cache));
  std::set<std::string> kinds;  // the desired state, and the statements' parse results
  for (const auto& entry : std::filesystem::directory_iterator(cache))
    kinds.insert(entry.path().filename().string().substr(0, entry.path().filename().string().find('-')));
  CHECK(kinds == std::set<std::string>{"desired", "statements"});
  CHECK(std::distance(std::filesystem::directory_iterator(cache), std::filesystem::directory_iterator()) == 2);
  auto again = run_schemactl(with_servers(live, {"plan", "--format", "sql", "--schema", schema}), environment);
  CHECK(again.exit_code == 0);
  CHECK(again.out == first.out);

  auto off_cache = live.dir.path() / "unused";
  auto config = live.dir.write("schemactl.toml", "schema = [\"schema.sql\"]\ncache_dir = \"off\"\n").string();
  auto off = run_schemactl(with_servers(live, {"plan", "--format", "sql", "--config", config}),
                           {{"SCHEMACTL_CACHE_DIR", off_cache.string()}});
  CHECK(off.exit_code == 0);
  CHECK(off.out == first.out);
  CHECK_FALSE(std::filesystem::exists(off_cache));
}

TEST_CASE("without --dev-url, plan builds the desired schema on an embedded temporary cluster", "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file(users_v2);
  auto result = run_schemactl({"plan", "--check", "--url", live.db.conninfo(), "--schema", schema});
  INFO(result.err);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.out, Catch::Contains("users_email"));
}

TEST_CASE("preflight checks stop apply before its first step, with counts and a query that shows the rows",
          "[cli]") {
  LiveDatabase live;
  auto conn = engine::connect(live.db.conninfo());
  pqxx::nontransaction(*conn).exec(
      "CREATE TABLE teams (id bigint PRIMARY KEY);"
      "ALTER TABLE users ADD COLUMN team_id bigint;"
      "UPDATE users SET email = 'same@example.com' WHERE id <= 3;"  // duplicates
      "UPDATE users SET note = NULL WHERE id = 7;"                  // a NULL
      "UPDATE users SET team_id = 42 WHERE id IN (8, 9);");         // orphans
  auto schema = live.schema_file(
      "CREATE TABLE teams (id bigint PRIMARY KEY);\n"
      "CREATE TABLE users (id bigint PRIMARY KEY, email text, note text NOT NULL,\n"
      "  team_id bigint REFERENCES teams (id), CONSTRAINT note_short CHECK (length(note) < 100));\n"
      "CREATE UNIQUE INDEX users_email ON users (lower(email));\n");
  auto result = run_schemactl(with_servers(live, {"apply", "--schema", schema}));
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("1 row(s): duplicate keys in public.users (lower(email))"));
  CHECK_THAT(result.err, Catch::Contains("1 row(s): NULLs in public.users.note"));
  CHECK_THAT(result.err, Catch::Contains("2 row(s): rows of public.users without a match in public.teams"));
  CHECK_THAT(result.err, Catch::Contains("see them: SELECT c.* FROM public.users AS c WHERE c.team_id IS NOT NULL"));
  CHECK_THAT(result.err, !Catch::Contains("note_short"));  // the check holds on every row
  CHECK(live.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email'") == "0");
  CHECK(live.query("SELECT count(*) FROM pg_constraint WHERE conrelid = 'users'::regclass") == "1");
}

TEST_CASE("a dropped and an added column of the same type stay DELETES_DATA, and the plan asks about a rename",
          "[cli]") {
  LiveDatabase live;
  auto schema = live.schema_file("CREATE TABLE users (id bigint PRIMARY KEY, email text, remark text);\n");
  auto plan = run_schemactl(with_servers(live, {"plan", "--schema", schema}));
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK_THAT(plan.out + plan.err, Catch::Contains("DELETES_DATA"));
  CHECK_THAT(plan.out + plan.err,
             Catch::Contains("column public.users.note is dropped (DELETES_DATA) and public.users.remark of the same "
                             "type added: if it was renamed, write \"-- schemactl:renamed-from note\""));

  auto annotated = live.schema_file(
      "CREATE TABLE users (id bigint PRIMARY KEY, email text,\n  remark text); -- schemactl:renamed-from a.b.c\n");
  auto refused = run_schemactl(with_servers(live, {"plan", "--schema", annotated}));
  CHECK(refused.exit_code != 0);
  CHECK_THAT(refused.err, Catch::Contains("schema.sql:2:17") && Catch::Contains("renamed-from on a table"));
}

TEST_CASE("privileges are left alone unless managed: off plans nothing, --privileges or the config plans them",
          "[cli][privileges]") {
  LiveDatabase live;
  // Roles are cluster-wide: another test may have created them already.
  pqxx::nontransaction(*engine::connect(live.db.conninfo()))
      .exec("DO $$ BEGIN CREATE ROLE schemactl_cli_reader NOLOGIN; CREATE ROLE \"Schemactl CLI Writer\" NOLOGIN; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
            "GRANT SELECT ON users TO schemactl_cli_reader");
  auto schema = live.schema_file(std::string(users_v1) + "GRANT INSERT (email) ON users TO \"Schemactl CLI Writer\";\n");

  auto off = run_schemactl(with_servers(live, {"plan", "--check", "--schema", schema}));
  INFO(off.err);
  CHECK(off.exit_code == 0);
  CHECK_THAT(off.out, Catch::Contains("No changes"));

  auto on = run_schemactl(with_servers(live, {"plan", "--check", "--privileges", "--schema", schema}));
  INFO(on.err);
  CHECK(on.exit_code == 2);
  CHECK_THAT(on.out, Catch::Contains("GRANT INSERT (email) ON TABLE public.users TO \"Schemactl CLI Writer\""));
  CHECK_THAT(on.out, Catch::Contains("REVOKE SELECT ON TABLE public.users FROM schemactl_cli_reader"));
  CHECK_THAT(on.out, Catch::Contains("AUTHZ_UPDATE"));

  auto config = live.dir.write("schemactl.toml", "manage_privileges = true\n").string();
  auto apply = run_schemactl(
      with_servers(live, {"apply", "--config", config, "--allow-hazards", "AUTHZ_UPDATE", "--schema", schema}));
  INFO(apply.err);
  CHECK(apply.exit_code == 0);
  CHECK(live.query("SELECT has_column_privilege('Schemactl CLI Writer', 'users', 'email', 'INSERT')") == "t");
  CHECK(live.query("SELECT has_table_privilege('schemactl_cli_reader', 'users', 'SELECT')") == "f");
  auto again = run_schemactl(with_servers(live, {"plan", "--check", "--config", config, "--schema", schema}));
  CHECK(again.exit_code == 0);
}

TEST_CASE("a grant to a role the database lacks is created in the embedded scratch cluster only, and apply "
          "refuses it before its first step, naming the role", "[cli][privileges]") {
  LiveDatabase live;
  auto schema = live.schema_file(std::string(users_v1) +
                                 "CREATE TABLE audit (id bigint PRIMARY KEY);\n"
                                 "GRANT SELECT ON users TO \"Schemactl No Such Role\";\n");
  auto result = run_schemactl({"apply", "--privileges", "--allow-hazards", "AUTHZ_UPDATE", "--url",
                               live.db.conninfo(), "--schema", schema});
  INFO(result.out);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("role \"Schemactl No Such Role\" does not exist"));
  CHECK(live.query("SELECT count(*) FROM pg_class WHERE relname = 'audit'") == "0");
  CHECK(live.query("SELECT count(*) FROM pg_roles WHERE rolname = 'Schemactl No Such Role'") == "0");
}
