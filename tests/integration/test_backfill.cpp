// Batched backfills against a real table: every row filled, batches bounded, the
// walk ends, and a resumed walk starts after the stored key.
#include <catch2/catch.hpp>

#include <pqxx/nontransaction>

#include "engine/backfill.hpp"
#include "engine/connection.hpp"
#include "engine/scratch.hpp"
#include "support/test_server.hpp"

using namespace schemactl;

namespace {

struct Table {
  engine::TemporaryDatabase db{testing::test_server(), "backfill"};
  std::unique_ptr<pqxx::connection> conn = engine::connect(db.conninfo());
  std::string query(const std::string& sql) { return pqxx::nontransaction(*conn).exec1(sql)[0].as<std::string>(); }
};

engine::Step backfill_step(std::vector<std::string> keys) {
  engine::Step step;
  step.backfill = engine::Backfill{{"public", "pairs"}, "token", "DEFAULT", std::move(keys)};
  return step;
}

}  // namespace

TEST_CASE("a backfill over a composite integer key fills every row and ends", "[backfill]") {
  Table t;
  pqxx::nontransaction(*t.conn).exec(
      "CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b));"
      "INSERT INTO pairs SELECT a, b FROM generate_series(1, 20) a, generate_series(1, 600) b;"
      "ALTER TABLE pairs ADD COLUMN token uuid; ALTER TABLE pairs ALTER COLUMN token SET DEFAULT gen_random_uuid();");
  std::vector<std::int64_t> batches;
  engine::BackfillOptions options;
  options.initial_batch_size = 700;
  options.on_batch = [&](pqxx::transaction_base&, const std::vector<std::string>&, std::int64_t rows) {
    batches.push_back(rows);
  };
  CHECK(engine::run_backfill(*t.conn, backfill_step({"a", "b"}), options) == 12000);
  CHECK(t.query("SELECT count(*) FROM pairs WHERE token IS NULL") == "0");
  CHECK(batches.size() >= 2);
}

TEST_CASE("a resumed backfill starts after the stored key and leaves rows that already have values", "[backfill]") {
  Table t;
  pqxx::nontransaction(*t.conn).exec(
      "CREATE TABLE pairs (id bigint PRIMARY KEY);"
      "INSERT INTO pairs SELECT g FROM generate_series(1, 5000) g;"
      "ALTER TABLE pairs ADD COLUMN token text; ALTER TABLE pairs ALTER COLUMN token SET DEFAULT 'filled';"
      "UPDATE pairs SET token = 'written by the application' WHERE id = 4000;");
  engine::BackfillOptions options;
  options.resume_after = {"3000"};
  CHECK(engine::run_backfill(*t.conn, backfill_step({"id"}), options) == 1999);
  CHECK(t.query("SELECT count(*) FROM pairs WHERE token IS NULL") == "3000");
  CHECK(t.query("SELECT token FROM pairs WHERE id = 4000") == "written by the application");
}

TEST_CASE("the position a batch stores commits or rolls back with the batch's rows", "[backfill]") {
  Table t;
  pqxx::nontransaction(*t.conn).exec(
      "CREATE TABLE pairs (id bigint PRIMARY KEY);"
      "INSERT INTO pairs SELECT g FROM generate_series(1, 5000) g;"
      "ALTER TABLE pairs ADD COLUMN token text; ALTER TABLE pairs ALTER COLUMN token SET DEFAULT 'filled';"
      "CREATE TABLE progress (last_key text, rows bigint);");
  engine::BackfillOptions options;
  options.initial_batch_size = 1000;
  int batches = 0;
  options.on_batch = [&](pqxx::transaction_base& tx, const std::vector<std::string>& position, std::int64_t rows) {
    tx.exec_params("INSERT INTO progress VALUES ($1, $2)", position.at(0), rows);
    // The process dies in the middle of the third batch, after it stored its position.
    if (++batches == 3) throw std::runtime_error("killed");
  };
  CHECK_THROWS_WITH(engine::run_backfill(*t.conn, backfill_step({"id"}), options), "killed");
  CHECK(t.query("SELECT count(*) FROM progress") == "2");
  CHECK(t.query("SELECT max(rows) FROM progress") == t.query("SELECT count(*) FROM pairs WHERE token IS NOT NULL"));

  options.on_batch = nullptr;
  options.resume_after = {t.query("SELECT max(last_key::bigint) FROM progress")};
  engine::run_backfill(*t.conn, backfill_step({"id"}), options);
  CHECK(t.query("SELECT count(*) FROM pairs WHERE token IS NULL") == "0");
}

TEST_CASE("a table without a primary key is filled by ctid ranges", "[backfill]") {
  Table t;
  pqxx::nontransaction(*t.conn).exec(
      "CREATE TABLE pairs (n int);"
      "INSERT INTO pairs SELECT g FROM generate_series(1, 20000) g;"
      "ALTER TABLE pairs ADD COLUMN token text; ALTER TABLE pairs ALTER COLUMN token SET DEFAULT 'x';");
  engine::BackfillOptions options;
  options.initial_batch_size = 1000;
  CHECK(engine::run_backfill(*t.conn, backfill_step({}), options) == 20000);
  CHECK(t.query("SELECT count(*) FROM pairs WHERE token IS NULL") == "0");
}
