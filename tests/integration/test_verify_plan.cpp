// Plans are proven on a schema-only copy of the current state before they are
// shown, and plan --check fails on what schemactl cannot manage.
#include <catch2/catch.hpp>

#include <pqxx/nontransaction>

#include "cli/verify_plan.hpp"
#include "engine/connection.hpp"
#include "engine/desired_state.hpp"
#include "engine/introspect.hpp"
#include "planner/plan.hpp"
#include "schema/catalog_scope.hpp"
#include "schema/source.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::run_schemactl;

namespace {

constexpr const char* users = "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n";
constexpr const char* users_indexed =
    "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n"
    "CREATE UNIQUE INDEX users_email ON users (email);\n"
    "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users);\n";

struct Planned {
  schema::Catalog current;
  schema::Catalog desired;
  planner::Plan plan;
};

// The plan from `from` (built on a scratch database) to `to`.
Planned plan_between(const std::string& from, const std::string& to) {
  const auto& server = testing::test_server();
  testing::TempDir dir;
  auto build = [&](const std::string& name, const std::string& sql) {
    return engine::build_desired_catalog(server, schema::load_schema({dir.write(name, sql)}));
  };
  Planned planned{build("from.sql", from), build("to.sql", to), {}};
  planned.plan = planner::plan_changes(planned.current, planned.desired);
  return planned;
}

void erase_step_of(planner::Plan& plan, const std::string& object) {
  auto step = std::find_if(plan.steps.begin(), plan.steps.end(), [&](const auto& s) { return s.object == object; });
  REQUIRE(step != plan.steps.end());
  plan.steps.erase(step);
}

}  // namespace

TEST_CASE("a right plan is proven on a schema-only copy of the current state", "[cli]") {
  auto planned = plan_between(users, users_indexed);
  REQUIRE_FALSE(planned.plan.empty());
  CHECK_NOTHROW(cli::prove_plan(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}));
}

TEST_CASE("a copy of a state whose SQL function reads a table is built and proven", "[cli]") {
  std::string reader = std::string(users) +
                       "CREATE FUNCTION email_of(wanted bigint) RETURNS text LANGUAGE sql STABLE\n"
                       "  AS $$ SELECT email FROM public.users WHERE id = wanted $$;\n";
  auto planned = plan_between(reader, reader + "CREATE INDEX users_email ON users (email);\n");
  REQUIRE_FALSE(planned.plan.empty());
  CHECK_NOTHROW(cli::prove_plan(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}));
}

TEST_CASE("the proof copies only what the plan can touch, with stubs of what that references", "[cli]") {
  std::string before = std::string(users_indexed) +
                       "CREATE TABLE untouched (id bigint PRIMARY KEY, note text);\n"
                       "CREATE INDEX untouched_note ON untouched (note);\n";
  auto planned = plan_between(before, before + "ALTER TABLE orders ADD COLUMN total numeric;\n");
  auto scope = schema::scope_between(planned.current, planned.desired);
  CHECK(scope.groups.contains("rel:public.orders"));
  CHECK(scope.stubs.contains("rel:public.users"));  // orders references it
  CHECK_FALSE(scope.groups.contains("rel:public.untouched"));
  CHECK_FALSE(scope.stubs.contains("rel:public.untouched"));
  REQUIRE(schema::find_table(scope.copy, {"public", "users"}));
  CHECK(schema::find_table(scope.copy, {"public", "users"})->indexes.size() == 1);  // the unique one
  CHECK_NOTHROW(
      cli::prove_plan_in_scope(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}));
}

TEST_CASE("a step that reaches past the scoped copy is judged on the whole copy, which refuses a wrong one",
          "[cli]") {
  std::string before = std::string(users) + "CREATE TABLE untouched (id bigint PRIMARY KEY);\n";
  auto planned = plan_between(before, before + "CREATE INDEX users_email ON users (email);\n");
  planner::PlannedStep stray;  // a wrong step, on a table the change does not touch
  stray.step.sql = "ALTER TABLE public.untouched ADD COLUMN stray integer";
  stray.object = "public.untouched";
  planned.plan.steps.push_back(stray);
  CHECK_THROWS_WITH(
      cli::prove_plan_in_scope(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}),
      Catch::Contains("public.untouched"));  // not in the scoped copy: the step fails there
  CHECK_THROWS_WITH(cli::prove_plan(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}),
                    Catch::Contains("still differing") && Catch::Contains("untouched"));
}

TEST_CASE("a domain whose CHECK calls a function brings the function into the scoped copy", "[cli]") {
  std::string before = "CREATE FUNCTION is_even(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v % 2 = 0';\n"
                       "CREATE DOMAIN even AS integer CHECK (is_even(VALUE));\n"
                       "CREATE TABLE pairs (id bigint PRIMARY KEY, size even);\n";
  auto planned = plan_between(before, before + "ALTER TABLE pairs ADD COLUMN note text;\n");
  REQUIRE_FALSE(planned.plan.empty());
  CHECK_NOTHROW(
      cli::prove_plan_in_scope(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}));
}

TEST_CASE("a plan missing a step is refused, naming the object still differing", "[cli]") {
  auto planned = plan_between(users, users_indexed);
  erase_step_of(planned.plan, "public.users_email");
  CHECK_THROWS_WITH(cli::prove_plan(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}),
                    Catch::Contains("still differing") && Catch::Contains("users_email") &&
                        Catch::Contains("schemactl bug"));
}

TEST_CASE("a plan whose step fails on the copy is refused, naming the step's object", "[cli]") {
  auto planned = plan_between(users, users_indexed);
  erase_step_of(planned.plan, "public.orders");  // the foreign key step then has no table
  CHECK_THROWS_WITH(cli::prove_plan(testing::test_server(), planned.current, planned.plan, planned.desired, {}, {}),
                    Catch::Contains("fails on a schema-only copy") && Catch::Contains("public.orders"));
}

TEST_CASE("plan --check exits 2 naming each object schemactl cannot manage, on either side", "[cli]") {
  engine::TemporaryDatabase live(testing::test_server(), "cli");
  pqxx::nontransaction(*engine::connect(live.conninfo()))
      .exec(std::string(users) + "CREATE AGGREGATE audit(int) (sfunc = int4pl, stype = int);");
  testing::TempDir dir;
  auto schema = dir.write("schema.sql", std::string(users) +
                                            "CREATE AGGREGATE events(int) (sfunc = int4pl, stype = int);\n");
  std::vector<std::string> args = {"plan",  "--schema", schema.string(), "--url", live.conninfo(),
                                   "--dev-url", testing::test_server().conninfo()};

  auto plan = run_schemactl(args);
  INFO(plan.err);
  CHECK(plan.exit_code == 0);  // only --check fails on them; the plan warns

  args.push_back("--check");
  auto check = run_schemactl(args);
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.err, Catch::Contains("2 object(s) schemactl cannot manage"));
  CHECK_THAT(check.err, Catch::Contains("aggregate public.events(integer) is declared"));
  CHECK_THAT(check.err, Catch::Contains("aggregate public.audit(integer) exists in the database"));
}
