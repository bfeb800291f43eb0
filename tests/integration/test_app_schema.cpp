// fixtures/app_schema, a realistic application schema of 50+ tables over three
// schemas: planned from empty it converges (pg_dump equals the schema built
// straight from the files), and it round-trips through `inspect --format sql`.
#include <catch2/catch.hpp>

#include <filesystem>

#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "engine/desired_state.hpp"
#include "schema/source.hpp"
#include "support/process.hpp"
#include "support/schema_dump.hpp"
#include "support/test_server.hpp"

using namespace schemactl;
using testing::run_schemactl;

namespace {

const std::string app_schema = (std::filesystem::path(SCHEMACTL_SOURCE_DIR) / "fixtures" / "app_schema").string();

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::string inspect_sql(const engine::TemporaryDatabase& db) {
  auto inspect = run_schemactl({"inspect", "--format", "sql", "--url", db.conninfo()});
  INFO(inspect.err);
  REQUIRE(inspect.exit_code == 0);
  return inspect.out;
}

}  // namespace

TEST_CASE("the app schema plans from empty, converges, and round-trips through inspect", "[cli][app_schema]") {
  const auto& server = testing::test_server();
  engine::TemporaryDatabase applied(server, "app_applied");
  auto apply = run_schemactl({"apply", "--schema", app_schema, "--url", applied.conninfo(), "--dev-url",
                              server.conninfo()});
  INFO(apply.err);
  REQUIRE(apply.exit_code == 0);
  CHECK_THAT(apply.err, Catch::Contains("The database matches the desired schema"));

  engine::TemporaryDatabase reference(server, "app_reference");
  engine::run_statements(*engine::connect(reference.conninfo()),
                         schema::load_schema(schema::expand_schema_paths({app_schema})));
  CHECK(testing::normalize_dump(testing::dump_schema(applied.conninfo())) ==
        testing::normalize_dump(testing::dump_schema(reference.conninfo())));

  auto script = inspect_sql(applied);
  CHECK(count_of(script, "CREATE TABLE ") >= 50);
  CHECK(script.find("-- unmanaged") == std::string::npos);
  engine::TemporaryDatabase loaded(server, "app_loaded");
  pqxx::nontransaction(*engine::connect(loaded.conninfo())).exec(script);
  CHECK(inspect_sql(loaded) == script);

  auto check = run_schemactl({"plan", "--check", "--schema", app_schema, "--url", loaded.conninfo(), "--dev-url",
                              server.conninfo()});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
}
