// Plans are proven on a schema-only copy of the current state before they are
// shown, and plan --check fails on what schemactl cannot manage.
#include <catch2/catch.hpp>

#include <pqxx/nontransaction>

#include "cli/verify_plan.hpp"
#include "engine/connection.hpp"
#include "engine/desired_state.hpp"
#include "engine/introspect.hpp"
#include "planner/plan.hpp"
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
