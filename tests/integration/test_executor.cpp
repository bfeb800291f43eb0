// The executor against real lock contention.
#include <catch2/catch.hpp>

#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "engine/scratch.hpp"
#include "support/test_server.hpp"

using namespace schemactl;

TEST_CASE("a lock timeout is retried, naming the session that holds the lock, then fails cleanly", "[executor]") {
  engine::TemporaryDatabase db(testing::test_server(), "executor");
  auto conn = engine::connect(db.conninfo());
  pqxx::nontransaction(*conn).exec("CREATE TABLE users (id int)");
  auto holder = engine::connect(db.conninfo());
  pqxx::nontransaction(*holder).exec("SET application_name = 'report-job'");
  pqxx::work long_transaction(*holder);
  long_transaction.exec("SELECT count(*) FROM users");  // ACCESS SHARE until it ends

  engine::Step step;
  step.sql = "ALTER TABLE users ADD COLUMN note text";
  step.lock_timeout = std::chrono::milliseconds(100);
  engine::ExecutionOptions options;
  options.retry = {3, std::chrono::milliseconds(10), std::chrono::milliseconds(20)};
  std::vector<std::string> reports;
  options.events.lock_retry = [&](std::size_t, int, std::chrono::milliseconds, const std::string& holders) {
    reports.push_back(holders);
  };
  CHECK_THROWS_AS(engine::execute(*conn, {step}, options), engine::StepFailed);
  REQUIRE(reports.size() == 2);
  CHECK_THAT(reports[0], Catch::Contains("report-job") && Catch::Contains("AccessShareLock"));

  long_transaction.commit();
  engine::execute(*conn, {step}, options);
  CHECK(pqxx::nontransaction(*conn).exec("SELECT note FROM users").columns() == 1);
}
