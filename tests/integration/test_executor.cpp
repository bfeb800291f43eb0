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

TEST_CASE("consecutive shared steps share transactions of a bounded size, so thousands stay inside the lock table",
          "[executor]") {
  engine::TemporaryDatabase db(testing::test_server(), "executor");
  auto conn = engine::connect(db.conninfo());
  const std::size_t tables = 3 * engine::shared_steps_per_transaction + 7;
  std::vector<engine::Step> steps;
  for (std::size_t i = 0; i < tables; ++i) steps.push_back({.sql = "CREATE TABLE t" + std::to_string(i) + " (id int)"});
  std::vector<std::pair<std::size_t, std::size_t>> transactions;
  engine::ExecutionOptions options;
  options.events.before_commit = [&](pqxx::transaction_base&, std::size_t first, std::size_t last) {
    transactions.emplace_back(first, last);
  };
  engine::execute(*conn, steps, options);
  REQUIRE(transactions.size() == 4);
  CHECK(transactions.front() == std::pair<std::size_t, std::size_t>{0, engine::shared_steps_per_transaction});
  CHECK(transactions.back().second == tables);
  CHECK(pqxx::nontransaction(*conn).exec1("SELECT count(*) FROM pg_tables WHERE tablename LIKE 't%'")[0].as<int>() ==
        static_cast<int>(tables));
}
