#include <catch2/catch.hpp>

#include <stdexcept>

#include "planner/migration_file.hpp"

using namespace schemactl;
using namespace schemactl::planner;
using std::chrono::milliseconds;

namespace {

const MigrationHeader header{"20261122T033000Z", "add_public_id", "sha256:5e1c", "sha256:a93f"};
const std::string file_name = "migrations/20261122T033000Z_add_public_id.sql";

PlannedStep planned(std::string sql, engine::TxMode tx, std::string object, std::string why,
                    Phase phase = Phase::expand, std::vector<Hazard> hazards = {}) {
  PlannedStep step;
  step.step.sql = std::move(sql);
  step.step.tx = tx;
  step.phase = phase;
  step.hazards = std::move(hazards);
  step.object = std::move(object);
  step.why = std::move(why);
  return step;
}

// Every kind of step the planner makes.
Plan every_kind_of_step() {
  Plan plan;
  plan.summary = {"+ column public.orders.public_id uuid DEFAULT gen_random_uuid() NOT NULL",
                  "- column public.customers.legacy_notes"};
  plan.warnings = {"public.audit_trigger is not managed by schemactl"};
  plan.steps.push_back(planned("ALTER TABLE public.orders ADD COLUMN public_id uuid", engine::TxMode::shared,
                               "public.orders.public_id", "added nullable"));

  auto backfill = planned("UPDATE public.orders SET public_id = DEFAULT WHERE public_id IS NULL",
                          engine::TxMode::none, "public.orders.public_id", "filled in short batches");
  backfill.step.statement_timeout = milliseconds(0);
  backfill.step.backfill = engine::Backfill{{"public", "orders"}, "public_id", "DEFAULT", {"id", "Tenant Id"}};
  plan.steps.push_back(backfill);

  auto ctid = planned(R"(UPDATE "My Schema"."Order""s" SET "Public Id" = now() WHERE "Public Id" IS NULL)",
                      engine::TxMode::none, R"("My Schema"."Order""s"."Public Id")", "no primary key: ctid ranges");
  ctid.step.backfill = engine::Backfill{{"My Schema", "Order\"s"}, "Public Id", "now() + interval '1 day'", {}};
  plan.steps.push_back(ctid);

  auto validate = planned("ALTER TABLE public.orders VALIDATE CONSTRAINT orders_public_id_not_null",
                          engine::TxMode::own, "public.orders.public_id", "scans the table");
  validate.step.lock_timeout = milliseconds(500);
  validate.step.statement_timeout = milliseconds(0);
  validate.step.preflight = {{"NULLs in public.orders.public_id (before SET NOT NULL)",
                              "SELECT *\nFROM public.orders\nWHERE public_id IS NULL"},
                             {"duplicates", "SELECT 1"}};
  plan.steps.push_back(validate);

  plan.steps.push_back(planned("CREATE UNIQUE INDEX CONCURRENTLY orders_public_id_key ON public.orders (public_id)",
                               engine::TxMode::none, "public.orders_public_id_key", "without blocking writes",
                               Phase::expand, {Hazard::index_build}));
  plan.steps.push_back(planned("CREATE TABLE public.refunds (id bigint NOT NULL);\n"
                               "CREATE INDEX refunds_id_idx ON public.refunds USING btree (id)",
                               engine::TxMode::shared, "public.refunds", "a new, empty table"));
  plan.steps.push_back(planned("CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$\n"
                               "-- step 99 · expand · tx · lock_timeout=2s statement_timeout=30s\n"
                               "SELECT 1;\n$$",
                               engine::TxMode::shared, "public.f()", "a body may hold any text"));
  plan.steps.push_back(planned("ALTER TABLE public.customers DROP COLUMN legacy_notes", engine::TxMode::shared,
                               "public.customers.legacy_notes", "the column and its data are deleted",
                               Phase::contract, {Hazard::deletes_data, Hazard::index_dropped}));
  return plan;
}

void check_same_step(const ReadStep& read, const PlannedStep& written) {
  INFO(written.step.sql);
  CHECK(read.step.sql == written.step.sql);
  CHECK(read.step.tx == written.step.tx);
  CHECK(read.step.lock_timeout == written.step.lock_timeout);
  CHECK(read.step.statement_timeout == written.step.statement_timeout);
  CHECK(read.phase == phase_name(written.phase));
  CHECK(read.object == written.object);
  std::vector<std::string> hazards;
  for (auto hazard : written.hazards) hazards.emplace_back(hazard_name(hazard));
  CHECK(read.hazards == hazards);
  REQUIRE(read.step.backfill.has_value() == written.step.backfill.has_value());
  if (written.step.backfill) {
    CHECK(read.step.backfill->table == written.step.backfill->table);
    CHECK(read.step.backfill->column == written.step.backfill->column);
    CHECK(read.step.backfill->value_sql == written.step.backfill->value_sql);
    CHECK(read.step.backfill->key_columns == written.step.backfill->key_columns);
  }
  REQUIRE(read.step.preflight.size() == written.step.preflight.size());
  for (std::size_t i = 0; i < read.step.preflight.size(); ++i) {
    CHECK(read.step.preflight[i].description == written.step.preflight[i].description);
    CHECK(read.step.preflight[i].rows_sql == written.step.preflight[i].rows_sql);
  }
}

std::string error_of(const std::string& file, const std::string& text) {
  try {
    read_migration(file, text);
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a migration file is commented SQL: header, hazards, summary, then each step with its timeouts",
          "[migration_file]") {
  Plan plan;
  plan.summary = {"+ column public.orders.public_id uuid", "- column public.customers.legacy_notes"};
  plan.steps.push_back(planned("ALTER TABLE public.orders ADD COLUMN public_id uuid", engine::TxMode::shared,
                               "public.orders.public_id", "a column without a default is metadata only"));
  auto backfill = planned("UPDATE public.orders SET public_id = DEFAULT WHERE public_id IS NULL",
                          engine::TxMode::none, "public.orders.public_id", "filled in short batches");
  backfill.step.statement_timeout = milliseconds(0);
  backfill.step.backfill = engine::Backfill{{"public", "orders"}, "public_id", "DEFAULT", {"id"}};
  plan.steps.push_back(backfill);
  plan.steps.push_back(planned("ALTER TABLE public.customers DROP COLUMN legacy_notes", engine::TxMode::shared,
                               "public.customers.legacy_notes", "the column and its data are deleted",
                               Phase::contract, {Hazard::deletes_data}));

  CHECK(write_migration(header, plan) ==
        "-- schemactl migration 20261122T033000Z add_public_id\n"
        "-- from: sha256:5e1c\n"
        "-- to: sha256:a93f\n"
        "-- hazards: DELETES_DATA\n"
        "--   DELETES_DATA: drops data that cannot be recovered from the database\n"
        "-- summary:\n"
        "--   + column public.orders.public_id uuid\n"
        "--   - column public.customers.legacy_notes\n"
        "\n"
        "-- step 1 · expand · tx · lock_timeout=2s statement_timeout=30s\n"
        "-- object: public.orders.public_id\n"
        "-- why: a column without a default is metadata only\n"
        "SET lock_timeout = '2s';\n"
        "SET statement_timeout = '30s';\n"
        "ALTER TABLE public.orders ADD COLUMN public_id uuid;\n"
        "\n"
        "-- step 2 · expand · batches · backfill public.orders.public_id · batch=adaptive · lock_timeout=2s "
        "statement_timeout=0\n"
        "-- object: public.orders.public_id\n"
        "-- why: filled in short batches\n"
        "-- backfill: table=public.orders column=public_id value=DEFAULT keys=id\n"
        "SET lock_timeout = '2s';\n"
        "SET statement_timeout = '0';\n"
        "UPDATE public.orders SET public_id = DEFAULT WHERE public_id IS NULL;\n"
        "\n"
        "-- step 3 · contract · tx · lock_timeout=2s statement_timeout=30s · hazards: DELETES_DATA\n"
        "-- object: public.customers.legacy_notes\n"
        "-- why: the column and its data are deleted\n"
        "SET lock_timeout = '2s';\n"
        "SET statement_timeout = '30s';\n"
        "ALTER TABLE public.customers DROP COLUMN legacy_notes;\n");
}

TEST_CASE("a migration without hazards says so, and warnings stay comments", "[migration_file]") {
  Plan plan;
  plan.warnings = {"public.v is not managed\nby schemactl"};
  plan.steps.push_back(planned("CREATE SCHEMA app", engine::TxMode::shared, "app", "new schema"));
  auto text = write_migration(header, plan);
  CHECK(text.find("-- hazards: none\n-- summary: none\n-- warning: public.v is not managed by schemactl\n\n") !=
        std::string::npos);
}

TEST_CASE("the same plan always gives the same bytes", "[migration_file]") {
  CHECK(write_migration(header, every_kind_of_step()) == write_migration(header, every_kind_of_step()));
}

TEST_CASE("reading a generated migration gives back exactly the steps written", "[migration_file]") {
  Plan plan = every_kind_of_step();
  std::string text = write_migration(header, plan);
  Migration migration = read_migration(file_name, text);

  CHECK(migration.generated);
  CHECK(migration.file == file_name);
  CHECK(migration.direction == Direction::up);
  CHECK(migration.header.version == header.version);
  CHECK(migration.header.name == header.name);
  CHECK(migration.header.from == header.from);
  CHECK(migration.header.to == header.to);
  CHECK(migration.irreversible.empty());
  CHECK(migration.text == text);
  REQUIRE(migration.steps.size() == plan.steps.size());
  for (std::size_t i = 0; i < plan.steps.size(); ++i) check_same_step(migration.steps[i], plan.steps[i]);
}

TEST_CASE("a read step knows the line of its header", "[migration_file]") {
  Plan plan = every_kind_of_step();
  std::string text = write_migration(header, plan);
  Migration migration = read_migration(file_name, text);
  auto line_of = [&](std::string_view needle) {
    auto at = text.find(needle);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  };
  CHECK(migration.steps[0].line == line_of("-- step 1 ·"));
  CHECK(migration.steps[7].line == line_of("-- step 8 ·"));
}

TEST_CASE("a down migration runs the reverse plan from the up migration's target back to its start",
          "[migration_file]") {
  Plan down;
  down.steps.push_back(planned("ALTER TABLE public.orders DROP COLUMN public_id", engine::TxMode::shared,
                               "public.orders.public_id", "undoes the add", Phase::contract, {Hazard::deletes_data}));
  std::string text = write_down_migration(header, down);
  CHECK(text.starts_with("-- schemactl migration 20261122T033000Z add_public_id down\n"
                         "-- from: sha256:a93f\n"
                         "-- to: sha256:5e1c\n"));

  Migration migration = read_migration("20261122T033000Z_add_public_id.down.sql", text);
  CHECK(migration.direction == Direction::down);
  CHECK(migration.header.from == "sha256:a93f");
  CHECK(migration.header.to == "sha256:5e1c");
  REQUIRE(migration.steps.size() == 1);
  check_same_step(migration.steps[0], down.steps[0]);
}

TEST_CASE("an irreversible down migration says why and holds no statements", "[migration_file]") {
  std::string text = write_irreversible_down(header, {"public.customers.legacy_notes was dropped with its data",
                                                      "the enum value 'archived' cannot be removed"});
  CHECK(text ==
        "-- schemactl migration 20261122T033000Z add_public_id down\n"
        "-- from: sha256:a93f\n"
        "-- to: sha256:5e1c\n"
        "-- hazards: IRREVERSIBLE\n"
        "--   IRREVERSIBLE: cannot be undone by a down migration\n"
        "-- irreversible:\n"
        "--   public.customers.legacy_notes was dropped with its data\n"
        "--   the enum value 'archived' cannot be removed\n");

  Migration migration = read_migration("20261122T033000Z_add_public_id.down.sql", text);
  CHECK(migration.direction == Direction::down);
  CHECK(migration.steps.empty());
  CHECK(migration.irreversible == std::vector<std::string>{"public.customers.legacy_notes was dropped with its data",
                                                           "the enum value 'archived' cannot be removed"});
  CHECK_THROWS_AS(write_irreversible_down(header, {}), std::invalid_argument);
}

TEST_CASE("a hand-written migration runs one step per statement, outside a transaction only when it must",
          "[migration_file]") {
  std::string text =
      "-- fix the e-mails\n"
      "UPDATE public.users SET email = lower(email);\n"
      "DELETE FROM public.sessions;\n"
      "CREATE INDEX CONCURRENTLY users_email_idx ON public.users (email);\n"
      "DROP INDEX CONCURRENTLY public.old_idx;\n"
      "REINDEX INDEX CONCURRENTLY public.users_email_idx;\n"
      "ALTER TYPE public.status ADD VALUE 'archived';\n"
      "VACUUM public.users;\n"
      "ANALYZE public.users;\n";
  Migration migration = read_migration("migrations/0007_fix_emails.sql", text);
  CHECK_FALSE(migration.generated);
  CHECK(migration.header.version == "0007");
  CHECK(migration.header.name == "fix_emails");
  CHECK(migration.header.from.empty());
  REQUIRE(migration.steps.size() == 8);
  CHECK(migration.steps[0].step.sql == "UPDATE public.users SET email = lower(email)");
  CHECK(migration.steps[0].line == 2);
  using engine::TxMode;
  std::vector<TxMode> modes;
  for (const auto& step : migration.steps) modes.push_back(step.step.tx);
  CHECK(modes == std::vector<TxMode>{TxMode::shared, TxMode::shared, TxMode::none, TxMode::none, TxMode::none,
                                     TxMode::none, TxMode::none, TxMode::shared});
  CHECK(migration.steps[0].step.lock_timeout == milliseconds(2000));
  CHECK(migration.steps[0].step.statement_timeout == milliseconds(0));  // a data fix may run long
  CHECK(migration.steps[0].phase.empty());
  CHECK(migration.steps[0].hazards.empty());
}

TEST_CASE("a hand-written migration may not manage transactions itself", "[migration_file]") {
  CHECK_THAT(error_of("0002_fix.sql", "BEGIN;\nUPDATE t SET a = 1;\nCOMMIT;\n"),
             Catch::StartsWith("0002_fix.sql:1: BEGIN is not allowed in a migration: schemactl manages transactions"));
  CHECK_THAT(error_of("0002_fix.sql", "UPDATE t SET a = 1;\ncommit;\n"), Catch::StartsWith("0002_fix.sql:2: COMMIT"));
}

TEST_CASE("a hand-written migration takes its version and name from its file name", "[migration_file]") {
  CHECK(read_migration("20261122T033000Z_fix.down.sql", "SELECT 1;").direction == Direction::down);
  CHECK_THAT(error_of("fix.sql", "SELECT 1;"), Catch::Contains("a migration is named <version>_<name>.sql"));
  CHECK_THAT(error_of("0001_fix.sql", "SELEC 1;"), Catch::StartsWith("0001_fix.sql:1:1: syntax error"));
}

TEST_CASE("a damaged generated migration is refused with file and line", "[migration_file]") {
  Plan plan = every_kind_of_step();
  std::string text = write_migration(header, plan);
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string changed = text;
    auto at = changed.find(from);
    REQUIRE(at != std::string::npos);
    return changed.replace(at, from.size(), to);
  };

  SECTION("a SET line that no longer matches its step header") {
    CHECK_THAT(error_of(file_name, replaced("SET lock_timeout = '500ms'", "SET lock_timeout = '1min'")),
               Catch::Matches(".*_add_public_id.sql:[0-9]+: expected `SET lock_timeout = '500ms';` as the step "
                              "header says"));
  }
  SECTION("a missing step") {
    CHECK_THAT(error_of(file_name, replaced("-- step 2 ·", "-- step 3 ·")),
               Catch::Contains("expected `-- step 2 · ...`"));
  }
  SECTION("an unknown phase or transaction mode") {
    CHECK_THAT(error_of(file_name, replaced("step 1 · expand", "step 1 · expend")),
               Catch::Contains(":13: unknown phase 'expend'"));
    CHECK_THAT(error_of(file_name, replaced("step 1 · expand · tx", "step 1 · expand · txn")),
               Catch::Contains("unknown transaction mode 'txn'"));
  }
  SECTION("a backfill without its spec") {
    CHECK_THAT(error_of(file_name, replaced("-- backfill: table=public.orders", "-- backfill: tabel=public.orders")),
               Catch::Contains("expected `-- backfill: table="));
  }
  SECTION("SQL before the first step") {
    CHECK_THAT(error_of(file_name, replaced("\n\n-- step 1", "\nSELECT 1;\n\n-- step 1")),
               Catch::Contains("a statement before the first `-- step` header"));
  }
  SECTION("a generated migration under another file name") {
    CHECK_THAT(error_of("20261122T033001Z_add_public_id.sql", text),
               Catch::StartsWith("20261122T033001Z_add_public_id.sql:1: the header is that of "
                                 "20261122T033000Z_add_public_id.sql"));
  }
}
