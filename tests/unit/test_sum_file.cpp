#include <catch2/catch.hpp>

#include "planner/sum_file.hpp"
#include "schema/fingerprint.hpp"
#include "schema/source.hpp"
#include "support/temp_dir.hpp"

using namespace schemactl::planner;
using schemactl::schema::sha256_hex;
namespace fs = std::filesystem;

namespace {

const std::string empty_hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// A migrations directory with two migrations, one with a down file, and its sum.
struct Migrations {
  schemactl::testing::TempDir dir;
  Migrations() {
    dir.write("0001_init.sql", "CREATE TABLE t (id int);\n");
    dir.write("20261122T033000Z_add_a.sql", "ALTER TABLE t ADD COLUMN a int;\n");
    dir.write("20261122T033000Z_add_a.down.sql", "ALTER TABLE t DROP COLUMN a;\n");
    write_sum(dir.path());
  }
  const fs::path& path() const { return dir.path(); }
  std::string sum() const { return schemactl::schema::read_file(path() / "schemactl.sum"); }
};

}  // namespace

TEST_CASE("the sum lists every file with its hash and a chain over all before it, then the total", "[sum_file]") {
  Migrations migrations;
  std::string init = sha256_hex("CREATE TABLE t (id int);\n");
  std::string up = sha256_hex("ALTER TABLE t ADD COLUMN a int;\n");
  std::string down = sha256_hex("ALTER TABLE t DROP COLUMN a;\n");
  std::string chain1 = sha256_hex(empty_hash + init);
  std::string chain2 = sha256_hex(chain1 + up);
  std::string chain3 = sha256_hex(chain2 + down);
  CHECK(migrations.sum() == "schemactl-sum v1\n"
                            "0001_init.sql sha256:" + init + " chain:sha256:" + chain1 + "\n"
                            "20261122T033000Z_add_a.sql sha256:" + up + " chain:sha256:" + chain2 + "\n"
                            "20261122T033000Z_add_a.down.sql sha256:" + down + " chain:sha256:" + chain3 + "\n"
                            "total chain:sha256:" + chain3 + "\n");
  CHECK(compute_sum(migrations.path()) == migrations.sum());
}

TEST_CASE("the sum of no migrations is the hash of nothing", "[sum_file]") {
  schemactl::testing::TempDir dir;
  CHECK(compute_sum(dir.path()) == "schemactl-sum v1\ntotal chain:sha256:" + empty_hash + "\n");
  CHECK(verify_sum(dir.path()).empty());  // no sum file needed yet
}

TEST_CASE("untouched migrations verify", "[sum_file]") {
  Migrations migrations;
  CHECK(verify_sum(migrations.path()).empty());
}

TEST_CASE("a missing sum file is found once there are migrations", "[sum_file]") {
  Migrations migrations;
  fs::remove(migrations.path() / "schemactl.sum");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "schemactl.sum");
  CHECK_THAT(problems[0].message, Catch::StartsWith("missing") && Catch::Contains("schemactl hash"));
}

TEST_CASE("an edited migration is named by verify_sum", "[sum_file]") {
  Migrations migrations;
  migrations.dir.write("20261122T033000Z_add_a.sql", "ALTER TABLE t ADD COLUMN a bigint;\n");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "20261122T033000Z_add_a.sql");
  CHECK_THAT(problems[0].message, Catch::StartsWith("edited after it was hashed"));
}

TEST_CASE("a removed migration is named by verify_sum", "[sum_file]") {
  Migrations migrations;
  fs::remove(migrations.path() / "20261122T033000Z_add_a.down.sql");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "20261122T033000Z_add_a.down.sql");
  CHECK_THAT(problems[0].message, Catch::StartsWith("removed: listed in schemactl.sum but not in the directory"));
}

TEST_CASE("a migration added without the sum is named by verify_sum", "[sum_file]") {
  Migrations migrations;
  migrations.dir.write("20261123T000000Z_add_b.sql", "ALTER TABLE t ADD COLUMN b int;\n");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "20261123T000000Z_add_b.sql");
  CHECK_THAT(problems[0].message,
             Catch::StartsWith("not in schemactl.sum: added by hand? run `schemactl hash` to accept it; or another "
                               "branch's migration"));
}

TEST_CASE("a migration renamed to another place in the order is named by verify_sum", "[sum_file]") {
  Migrations migrations;
  fs::rename(migrations.path() / "0001_init.sql", migrations.path() / "20261124T000000Z_init.sql");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "20261124T000000Z_init.sql");
  CHECK_THAT(problems[0].message, Catch::StartsWith("order changed: hashed as 0001_init.sql at place 1, now at place 3"));
}

TEST_CASE("migrations that swapped their contents are an order change", "[sum_file]") {
  Migrations migrations;
  migrations.dir.write("0001_init.sql", "ALTER TABLE t ADD COLUMN a int;\n");
  migrations.dir.write("20261122T033000Z_add_a.sql", "CREATE TABLE t (id int);\n");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "0001_init.sql");
  CHECK_THAT(problems[0].message,
             Catch::StartsWith("order changed: hashed as 20261122T033000Z_add_a.sql at place 2, now at place 1"));
}

TEST_CASE("a sum file with merge-conflict markers says two branches added migrations and how to resolve it",
          "[sum_file]") {
  Migrations migrations;
  std::string sum = migrations.sum();
  auto last_line = sum.rfind("20261122T033000Z_add_a.sql");
  migrations.dir.write("schemactl.sum", sum.substr(0, last_line) + "<<<<<<< HEAD\n" + sum.substr(last_line) +
                                            "=======\n20261123T000000Z_b.sql sha256:00 chain:sha256:00\n"
                                            ">>>>>>> feature\n");
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "schemactl.sum");
  CHECK_THAT(problems[0].message,
             Catch::StartsWith("schemactl.sum has a merge conflict: two branches added migrations; resolve it by "
                               "deleting the migration your branch added"));
}

TEST_CASE("a sum file edited by hand is caught by its own chain", "[sum_file]") {
  Migrations migrations;
  // An edited migration whose line was updated in the sum, but not the chain.
  migrations.dir.write("0001_init.sql", "CREATE TABLE t (id bigint);\n");
  std::string sum = migrations.sum();
  std::string old_hash = sha256_hex("CREATE TABLE t (id int);\n");
  sum.replace(sum.find(old_hash), old_hash.size(), sha256_hex("CREATE TABLE t (id bigint);\n"));
  migrations.dir.write("schemactl.sum", sum);
  auto problems = verify_sum(migrations.path());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == "schemactl.sum");
  CHECK_THAT(problems[0].message, Catch::StartsWith("line 2: the chain does not follow from the lines above"));

  migrations.dir.write("schemactl.sum", "schemactl-sum v2\n");
  CHECK_THAT(verify_sum(migrations.path())[0].message, Catch::StartsWith("line 1: expected `schemactl-sum v1`"));
  migrations.dir.write("schemactl.sum", "schemactl-sum v1\n");
  CHECK_THAT(verify_sum(migrations.path())[0].message, Catch::StartsWith("line 2: expected `total chain:sha256:"));
}

TEST_CASE("write_sum accepts the directory as it is", "[sum_file]") {
  Migrations migrations;
  migrations.dir.write("20261122T033000Z_add_a.sql", "ALTER TABLE t ADD COLUMN a bigint;\n");
  REQUIRE_FALSE(verify_sum(migrations.path()).empty());
  write_sum(migrations.path());
  CHECK(verify_sum(migrations.path()).empty());
  CHECK_FALSE(fs::exists(migrations.path() / "schemactl.sum.tmp"));
}
