#include <catch2/catch.hpp>

#include <stdexcept>

#include "planner/migration_dir.hpp"
#include "support/temp_dir.hpp"

using namespace schemactl::planner;
namespace fs = std::filesystem;

namespace {

std::string list_error(const fs::path& dir) {
  try {
    list_migrations(dir);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "no error";
}

Migration generated(std::string file, std::string from, std::string to) {
  Migration migration;
  migration.file = std::move(file);
  migration.generated = true;
  migration.header.name = fs::path(migration.file).stem().string().substr(17);
  migration.header.from = std::move(from);
  migration.header.to = std::move(to);
  return migration;
}

Migration hand_written(std::string file) {
  Migration migration;
  migration.file = std::move(file);
  return migration;
}

}  // namespace

TEST_CASE("migration file names are <version>_<name>.sql, down files <version>_<name>.down.sql",
          "[migration_dir]") {
  auto parsed = parse_migration_file_name("20261122T033000Z_add_public_id.sql");
  REQUIRE(parsed);
  CHECK(parsed->version == "20261122T033000Z");
  CHECK(parsed->name == "add_public_id");
  CHECK(parsed->direction == Direction::up);

  parsed = parse_migration_file_name("0001_Init-DB.down.sql");
  REQUIRE(parsed);
  CHECK(parsed->version == "0001");
  CHECK(parsed->name == "Init-DB");
  CHECK(parsed->direction == Direction::down);

  for (const char* name : {"init.sql", "0001.sql", "0001_.sql", "0001_a b.sql", "20261122T0330Z_x.sql",
                           "20261122T033000_x.sql", "0001_init.txt", "_init.sql"})
    CHECK_FALSE(parse_migration_file_name(name));
}

TEST_CASE("migrations are listed by version as numbers, each with its down file", "[migration_dir]") {
  schemactl::testing::TempDir dir;
  dir.write("20261122T033000Z_add_public_id.sql", "");
  dir.write("20261122T033000Z_add_public_id.down.sql", "");
  dir.write("2_second.sql", "");
  dir.write("0001_init.sql", "");
  dir.write("20261122T020000Z_earlier_that_day.sql", "");
  dir.write("schemactl.sum", "");
  dir.write("README.md", "");

  auto entries = list_migrations(dir.path());
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].up == dir.path() / "0001_init.sql");
  CHECK(entries[1].up == dir.path() / "2_second.sql");
  CHECK(entries[2].version == "20261122T020000Z");
  CHECK(entries[2].name == "earlier_that_day");
  CHECK_FALSE(entries[2].down);
  CHECK(entries[3].up == dir.path() / "20261122T033000Z_add_public_id.sql");
  CHECK(entries[3].down == dir.path() / "20261122T033000Z_add_public_id.down.sql");
}

TEST_CASE("two migrations with one version are an error naming both files", "[migration_dir]") {
  schemactl::testing::TempDir dir;
  dir.write("20261122T033000Z_add_public_id.sql", "");
  dir.write("20261122T033000Z_drop_notes.sql", "");
  auto error = list_error(dir.path());
  CHECK_THAT(error, Catch::Contains("20261122T033000Z_add_public_id.sql and ") &&
                        Catch::Contains("20261122T033000Z_drop_notes.sql have the same version"));

  schemactl::testing::TempDir numbers;
  numbers.write("0001_a.sql", "");
  numbers.write("1_b.sql", "");
  CHECK_THAT(list_error(numbers.path()), Catch::Contains("have the same version"));
}

TEST_CASE("a misnamed SQL file, a down file without its up file, or no directory is an error", "[migration_dir]") {
  schemactl::testing::TempDir misnamed;
  misnamed.write("fix_emails.sql", "");
  CHECK_THAT(list_error(misnamed.path()), Catch::Contains("fix_emails.sql: not named like a migration"));

  schemactl::testing::TempDir orphan;
  orphan.write("0001_init.down.sql", "");
  CHECK_THAT(list_error(orphan.path()),
             Catch::Contains("0001_init.down.sql: a down migration without its up migration 0001_init.sql"));

  CHECK_THAT(list_error(misnamed.path() / "missing"), Catch::Contains("no such migrations directory"));
}

TEST_CASE("a new version is the UTC time to the second", "[migration_dir]") {
  std::chrono::system_clock::time_point at{std::chrono::seconds(1795318200) + std::chrono::milliseconds(900)};
  CHECK(new_version(at) == "20261122T033000Z");
}

TEST_CASE("a migration's file name has a sanitized name", "[migration_dir]") {
  CHECK(migration_file_name("20261122T033000Z", "add_public_id") == "20261122T033000Z_add_public_id.sql");
  CHECK(migration_file_name("20261122T033000Z", "Add public-ID!", Direction::down) ==
        "20261122T033000Z_add_public_id.down.sql");
  CHECK(sanitize_migration_name("  __Orders: add Public ID__ ") == "orders_add_public_id");
  CHECK_THROWS_AS(migration_file_name("20261122T033000Z", "--- ä ---"), std::invalid_argument);
  CHECK_THROWS_AS(sanitize_migration_name(""), std::invalid_argument);
}

TEST_CASE("generated migrations that chain have no branch conflict", "[migration_dir]") {
  CHECK_FALSE(find_branch_conflict({}));
  CHECK_FALSE(find_branch_conflict({generated("20261101T000000Z_a.sql", "sha256:0", "sha256:1"),
                                    generated("20261102T000000Z_b.sql", "sha256:1", "sha256:2")}));
}

TEST_CASE("two generated migrations planned from the same state are a branch conflict naming both files",
          "[migration_dir]") {
  auto conflict = find_branch_conflict({generated("migrations/20261101T000000Z_a.sql", "sha256:0", "sha256:1"),
                                        generated("migrations/20261102T000000Z_add_notes.sql", "sha256:1", "sha256:2"),
                                        generated("migrations/20261103T000000Z_add_tags.sql", "sha256:1", "sha256:3")});
  REQUIRE(conflict);
  CHECK(*conflict ==
        "migrations/20261103T000000Z_add_tags.sql was planned from sha256:1, but "
        "migrations/20261102T000000Z_add_notes.sql before it leaves the schema at sha256:2: two branches each "
        "planned a migration from the same state. Delete migrations/20261103T000000Z_add_tags.sql (and its "
        ".down.sql) and run `schemactl hash`, then run `schemactl plan --write add_tags` again on top of the merged "
        "migrations, which also rewrites schemactl.sum");
}

TEST_CASE("a hand-written migration between two generated ones changes the schema, so they need not chain",
          "[migration_dir]") {
  CHECK_FALSE(find_branch_conflict({generated("20261101T000000Z_a.sql", "sha256:0", "sha256:1"),
                                    hand_written("20261101T120000Z_fix_data.sql"),
                                    generated("20261102T000000Z_b.sql", "sha256:7", "sha256:8")}));
  Migration down = generated("20261101T000000Z_a.down.sql", "sha256:1", "sha256:0");
  down.direction = Direction::down;
  CHECK_FALSE(find_branch_conflict({generated("20261101T000000Z_a.sql", "sha256:0", "sha256:1"), down,
                                    generated("20261102T000000Z_b.sql", "sha256:1", "sha256:2")}));
}
