// `schemactl lint`: the online-safety rules for any SQL migration. Each rule has an
// unsafe form that fires (with the statement's line and column) and a safe form that
// does not.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "planner/lint.hpp"
#include "planner/lint_render.hpp"
#include "schema/source.hpp"
#include "support/temp_dir.hpp"

using Catch::Contains;
using schemactl::planner::lint_rules;
using schemactl::planner::lint_sql;
using schemactl::planner::LintFinding;

namespace {

// Most snippets set a lock_timeout first, so that only the rule under test fires;
// the statement under test then starts at line 2, column 1.
const std::string with_timeout = "SET lock_timeout = '2s';\n";

std::vector<std::string> codes(const std::string& sql) {
  std::vector<std::string> codes;
  for (const LintFinding& finding : lint_sql("m.sql", sql)) codes.push_back(finding.code);
  return codes;
}

// The one finding of `sql`, which must be `code` at line:column.
LintFinding only_finding(const std::string& sql, const std::string& code, int line, int column) {
  std::vector<LintFinding> findings = lint_sql("m.sql", sql);
  INFO(sql);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == code);
  CHECK(findings[0].file == "m.sql");
  CHECK(findings[0].line == line);
  CHECK(findings[0].column == column);
  CHECK(!findings[0].fix.empty());
  return findings[0];
}

const std::vector<std::string> none;

}  // namespace

TEST_CASE("every rule has a stable code, a kebab-case name and a summary", "[lint]") {
  std::vector<std::string> names;
  for (const auto& rule : lint_rules()) names.push_back(std::string(rule.code) + " " + std::string(rule.name));
  CHECK(names == std::vector<std::string>{"SC101 create-index-not-concurrently", "SC102 drop-index-not-concurrently",
                                          "SC103 concurrently-in-transaction", "SC104 constraint-without-not-valid",
                                          "SC105 set-not-null-without-check", "SC106 not-null-column-without-default",
                                          "SC107 volatile-default", "SC108 column-type-change",
                                          "SC109 unique-without-using-index", "SC110 missing-lock-timeout",
                                          "SC111 drop-table", "SC112 drop-column", "SC113 drop-constraint",
                                          "SC114 rename", "SC115 enum-value-without-position",
                                          "SC116 not-idempotent-outside-transaction"});
  for (const auto& rule : lint_rules()) CHECK(!rule.summary.empty());
}

TEST_CASE("SC101: an index is created CONCURRENTLY", "[lint]") {
  auto finding =
      only_finding(with_timeout + "CREATE INDEX orders_customer_idx ON orders (customer_id);", "SC101", 2, 1);
  CHECK(finding.rule == "create-index-not-concurrently");
  CHECK_THAT(finding.message, Contains("orders_customer_idx on public.orders") && Contains("without CONCURRENTLY"));
  CHECK_THAT(finding.fix, Contains("CREATE INDEX CONCURRENTLY"));
  CHECK_THAT(only_finding(with_timeout + "CREATE UNIQUE INDEX ON app.users (email);", "SC101", 2, 1).fix,
             Contains("CREATE UNIQUE INDEX CONCURRENTLY"));

  CHECK(codes("CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON orders (customer_id);") == none);
}

TEST_CASE("SC102: an index is dropped CONCURRENTLY", "[lint]") {
  auto finding = only_finding(with_timeout + "DROP INDEX app.orders_customer_idx;", "SC102", 2, 1);
  CHECK(finding.rule == "drop-index-not-concurrently");
  CHECK_THAT(finding.message, Contains("app.orders_customer_idx"));
  CHECK_THAT(finding.fix, Contains("DROP INDEX CONCURRENTLY app.orders_customer_idx"));

  CHECK(codes("DROP INDEX CONCURRENTLY IF EXISTS app.orders_customer_idx;") == none);
}

TEST_CASE("SC103: CONCURRENTLY runs outside an explicit transaction block", "[lint]") {
  auto finding = only_finding(
      "BEGIN;\n"
      "CREATE INDEX CONCURRENTLY orders_customer_idx ON orders (customer_id);\n"
      "COMMIT;",
      "SC103", 2, 1);
  CHECK(finding.rule == "concurrently-in-transaction");
  CHECK_THAT(finding.message, Contains("CREATE INDEX CONCURRENTLY orders_customer_idx") && Contains("BEGIN at line 1"));
  CHECK(codes("START TRANSACTION;\nDROP INDEX CONCURRENTLY i;\nROLLBACK;") == std::vector<std::string>{"SC103"});
  CHECK(codes("BEGIN;\nSELECT 1;\nCOMMIT;\nREINDEX INDEX CONCURRENTLY i;\nBEGIN;\nREINDEX INDEX CONCURRENTLY i;") ==
        std::vector<std::string>{"SC103"});

  SECTION("only BEGIN or START TRANSACTION opens a block: no file-level annotation does") {
    CHECK(codes("-- schemactl:transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (customer_id);") == none);
    CHECK(codes("BEGIN;\nSELECT 1;\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (customer_id);") ==
          none);
  }
}

TEST_CASE("SC104: CHECK and FOREIGN KEY are added NOT VALID and validated in a transaction of their own", "[lint]") {
  auto finding = only_finding(with_timeout +
                                  "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk\n"
                                  "  FOREIGN KEY (customer_id) REFERENCES customers (id);",
                              "SC104", 2, 1);
  CHECK(finding.rule == "constraint-without-not-valid");
  CHECK_THAT(finding.message, Contains("FOREIGN KEY orders_customer_fk on public.orders"));
  CHECK_THAT(finding.fix, Contains("NOT VALID") && Contains("VALIDATE CONSTRAINT orders_customer_fk"));
  only_finding(with_timeout + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);", "SC104", 2,
               1);
  only_finding(with_timeout + "ALTER TABLE orders ADD COLUMN customer_id bigint REFERENCES customers (id);", "SC104", 2,
               1);

  SECTION("validating in the transaction of the NOT VALID add holds the add's lock through the scan") {
    auto same = only_finding(with_timeout +
                                 "BEGIN;\n"
                                 "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"
                                 "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n"
                                 "COMMIT;",
                             "SC104", 4, 1);
    CHECK_THAT(same.message, Contains("validated in the transaction that added it NOT VALID"));
  }

  CHECK(codes(with_timeout + "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)\n"
                             "  REFERENCES customers (id) NOT VALID;\n"
                             "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n"
                             "BEGIN;\n"
                             "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"
                             "COMMIT;\n"
                             "BEGIN;\n"
                             "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;\n"
                             "COMMIT;") == none);
}

TEST_CASE("SC105: SET NOT NULL follows a validated CHECK (col IS NOT NULL)", "[lint]") {
  auto finding = only_finding(with_timeout + "ALTER TABLE orders ALTER COLUMN public_id SET NOT NULL;", "SC105", 2, 1);
  CHECK(finding.rule == "set-not-null-without-check");
  CHECK_THAT(finding.message, Contains("public.orders.public_id"));
  CHECK_THAT(finding.fix, Contains("CHECK (public_id IS NOT NULL) NOT VALID") && Contains("VALIDATE CONSTRAINT"));

  const std::string check = "ALTER TABLE orders ADD CONSTRAINT c CHECK (public_id IS NOT NULL) NOT VALID;\n";
  const std::string validate = "ALTER TABLE orders VALIDATE CONSTRAINT c;\n";
  const std::string set_not_null = "ALTER TABLE orders ALTER COLUMN public_id SET NOT NULL;\n";
  CHECK(codes(with_timeout + check + validate + set_not_null) == none);
  CHECK(codes(with_timeout +
              "ALTER TABLE orders ADD CONSTRAINT c CHECK (public_id IS NOT NULL AND total > 0) NOT VALID;\n" +
              validate + set_not_null) == none);

  SECTION("the check must be validated, on that column of that table, and not dropped since") {
    CHECK(codes(with_timeout + check + set_not_null) == std::vector<std::string>{"SC105"});
    CHECK(codes(with_timeout + check + validate + "ALTER TABLE orders ALTER COLUMN total SET NOT NULL;") ==
          std::vector<std::string>{"SC105"});
    CHECK(codes(with_timeout + check + validate + "ALTER TABLE invoices ALTER COLUMN public_id SET NOT NULL;") ==
          std::vector<std::string>{"SC105"});
    CHECK(codes(with_timeout + "ALTER TABLE orders ADD CONSTRAINT c CHECK (public_id IS NULL) NOT VALID;\n" + validate +
                set_not_null) == std::vector<std::string>{"SC105"});
    CHECK(codes(with_timeout + check + validate + "ALTER TABLE orders DROP CONSTRAINT c;\n" + set_not_null) ==
          std::vector<std::string>{"SC105"});
  }
}

TEST_CASE("SC106: a NOT NULL column is added with a DEFAULT", "[lint]") {
  auto finding = only_finding(with_timeout + "ALTER TABLE orders ADD COLUMN status text NOT NULL;", "SC106", 2, 1);
  CHECK(finding.rule == "not-null-column-without-default");
  CHECK_THAT(finding.message, Contains("public.orders.status") && Contains("fails if public.orders has any rows"));

  CHECK(codes(with_timeout + "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';") == none);
  CHECK(codes(with_timeout + "ALTER TABLE orders ADD COLUMN status text;") == none);
}

TEST_CASE("SC107: ADD COLUMN has no volatile default, serial, identity or stored generated value", "[lint]") {
  auto finding = only_finding(with_timeout + "ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();",
                              "SC107", 2, 1);
  CHECK(finding.rule == "volatile-default");
  CHECK_THAT(finding.message,
             Contains("public.orders.public_id") && Contains("gen_random_uuid()") && Contains("rewritten"));
  CHECK_THAT(finding.fix, Contains("SET DEFAULT") && Contains("batches"));
  for (std::string column :
       {"n bigint NOT NULL DEFAULT nextval('orders_n_seq')", "at timestamptz DEFAULT clock_timestamp()",
        "r float8 DEFAULT random() * 10", "u uuid DEFAULT uuid_generate_v4()", "n bigserial", "n serial",
        "n int GENERATED ALWAYS AS IDENTITY", "t numeric GENERATED ALWAYS AS (total * 2) STORED"})
    CHECK(codes(with_timeout + "ALTER TABLE orders ADD COLUMN " + column + ";") == std::vector<std::string>{"SC107"});

  SECTION("stable and constant defaults are kept in the catalog: no rewrite") {
    for (std::string column : {"at timestamptz NOT NULL DEFAULT now()", "at timestamptz DEFAULT CURRENT_TIMESTAMP",
                               "at timestamptz DEFAULT statement_timestamp()", "n int DEFAULT 0"})
      CHECK(codes(with_timeout + "ALTER TABLE orders ADD COLUMN " + column + ";") == none);
  }
}

TEST_CASE("SC108: every column type change is flagged: only binary-coercible ones are safe", "[lint]") {
  auto finding = only_finding(with_timeout + "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);", "SC108", 2, 1);
  CHECK(finding.rule == "column-type-change");
  CHECK_THAT(finding.message, Contains("public.orders.note changes to varchar(200)") && Contains("binary-coercible"));
  CHECK_THAT(finding.fix, Contains("-- schemactl:ignore SC108"));

  CHECK(codes(with_timeout + "-- schemactl:ignore SC108 varchar(100) to varchar(200) is binary-coercible\n"
                             "ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);") == none);
}

TEST_CASE("SC109: UNIQUE and PRIMARY KEY are added USING INDEX", "[lint]") {
  auto finding = only_finding(
      with_timeout + "ALTER TABLE orders ADD CONSTRAINT orders_public_id_key UNIQUE (public_id);", "SC109", 2, 1);
  CHECK(finding.rule == "unique-without-using-index");
  CHECK_THAT(finding.message, Contains("UNIQUE orders_public_id_key on public.orders"));
  CHECK_THAT(finding.fix, Contains("CREATE UNIQUE INDEX CONCURRENTLY orders_public_id_key") &&
                              Contains("UNIQUE USING INDEX orders_public_id_key"));
  only_finding(with_timeout + "ALTER TABLE orders ADD PRIMARY KEY (id);", "SC109", 2, 1);

  CHECK(codes(with_timeout +
              "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_public_id_key ON orders (public_id);\n"
              "ALTER TABLE orders ADD CONSTRAINT orders_public_id_key UNIQUE USING INDEX orders_public_id_key;\n"
              "ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey;") == none);
}

TEST_CASE("SC110: a statement that waits for a strong lock on an existing table has a lock_timeout", "[lint]") {
  auto finding = only_finding("ALTER TABLE orders ADD COLUMN note text;", "SC110", 1, 1);
  CHECK(finding.rule == "missing-lock-timeout");
  CHECK_THAT(finding.message, Contains("ALTER TABLE public.orders") && Contains("reads and writes"));
  CHECK_THAT(finding.fix, Contains("SET lock_timeout"));
  for (std::string statement :
       {"CREATE TRIGGER orders_audit AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit();",
        "DROP TRIGGER orders_audit ON orders;", "ALTER TABLE orders RENAME CONSTRAINT a TO b;", "TRUNCATE orders;",
        "LOCK TABLE orders IN SHARE MODE;"})
    CHECK(codes(statement) == std::vector<std::string>{"SC110"});

  SECTION("SET lock_timeout earlier in the file, or SET LOCAL in the same transaction") {
    CHECK(codes("SET lock_timeout = '2s';\nSELECT 1;\nALTER TABLE orders ADD COLUMN note text;") == none);
    CHECK(codes("SET lock_timeout TO 2000;\nALTER TABLE orders ADD COLUMN note text;") == none);
    CHECK(codes("BEGIN;\nSET LOCAL lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN note text;\nCOMMIT;") == none);
  }
  SECTION("a zero, reset or finished lock_timeout does not count") {
    CHECK(codes("SET lock_timeout = 0;\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
    CHECK(codes("SET lock_timeout = '0ms';\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
    CHECK(codes("SET lock_timeout = '2s';\nRESET lock_timeout;\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
    CHECK(codes("SET statement_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
    CHECK(codes("BEGIN;\nSET LOCAL lock_timeout = '1s';\nCOMMIT;\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
    CHECK(codes("SET LOCAL lock_timeout = '1s';\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
    CHECK(codes("BEGIN;\nSET lock_timeout = '1s';\nROLLBACK;\nALTER TABLE orders ADD COLUMN note text;") ==
          std::vector<std::string>{"SC110"});
  }
  SECTION("locks no stronger than SHARE UPDATE EXCLUSIVE need none") {
    CHECK(codes("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;\n"
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (customer_id);\n"
                "LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE;\n"
                "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE NOWAIT;\n"
                "UPDATE orders SET note = '' WHERE note IS NULL;") == none);
  }
}

TEST_CASE("SC111-SC114: drops and renames break code that still runs", "[lint]") {
  auto table = only_finding(with_timeout + "DROP TABLE legacy_orders;", "SC111", 2, 1);
  CHECK(table.rule == "drop-table");
  CHECK_THAT(table.message, Contains("public.legacy_orders"));
  auto column = only_finding(with_timeout + "ALTER TABLE orders DROP COLUMN legacy_note;", "SC112", 2, 1);
  CHECK(column.rule == "drop-column");
  CHECK_THAT(column.message, Contains("public.orders.legacy_note"));
  auto constraint =
      only_finding(with_timeout + "ALTER TABLE orders DROP CONSTRAINT orders_total_check;", "SC113", 2, 1);
  CHECK(constraint.rule == "drop-constraint");
  CHECK_THAT(constraint.message, Contains("orders_total_check on public.orders"));
  auto renamed = only_finding(with_timeout + "ALTER TABLE orders RENAME TO purchases;", "SC114", 2, 1);
  CHECK(renamed.rule == "rename");
  CHECK_THAT(renamed.message, Contains("public.orders is renamed to purchases"));
  CHECK_THAT(only_finding(with_timeout + "ALTER TABLE orders RENAME COLUMN note TO remark;", "SC114", 2, 1).message,
             Contains("public.orders.note is renamed to remark"));

  SECTION("a constraint added again later in the file is replaced, not removed") {
    CHECK(codes(with_timeout + "ALTER TABLE orders DROP CONSTRAINT orders_total_check;\n"
                               "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total > 0) NOT VALID;\n"
                               "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;") == none);
    CHECK(codes(with_timeout + "ALTER TABLE orders DROP CONSTRAINT orders_total_check;\n"
                               "ALTER TABLE invoices ADD CONSTRAINT orders_total_check CHECK (total > 0) NOT VALID;") ==
          std::vector<std::string>{"SC113"});
  }
  SECTION("a constraint added NOT VALID earlier in the file is a stepping stone: dropping it is fine") {
    CHECK(codes(with_timeout + "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;\n"
                               "ALTER TABLE orders DROP CONSTRAINT orders_total_check;") == none);
  }
}

TEST_CASE("SC115: an enum value is added BEFORE or AFTER an existing one", "[lint]") {
  auto finding = only_finding("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded';", "SC115", 1, 1);
  CHECK(finding.rule == "enum-value-without-position");
  CHECK_THAT(finding.message, Contains("'refunded'") && Contains("public.order_status"));
  CHECK_THAT(finding.fix, Contains("BEFORE|AFTER"));

  CHECK(codes("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';\n"
              "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'new' BEFORE 'paid';\n"
              "ALTER TYPE order_status RENAME VALUE 'cancelled' TO 'canceled';") == none);
}

TEST_CASE("SC116: a statement outside any transaction can run twice when apply resumes", "[lint]") {
  auto finding = only_finding("CREATE UNIQUE INDEX CONCURRENTLY users_email ON users (email);", "SC116", 1, 1);
  CHECK(finding.rule == "not-idempotent-outside-transaction");
  CHECK_THAT(finding.message, Contains("users_email") && Contains("runs it again"));
  CHECK_THAT(finding.fix, Contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS"));
  CHECK_THAT(only_finding("DROP INDEX CONCURRENTLY app.users_email;", "SC116", 1, 1).fix,
             Contains("DROP INDEX CONCURRENTLY IF EXISTS"));
  CHECK_THAT(only_finding("ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';", "SC116", 1, 1).message,
             Contains("'meh' to enum public.mood"));

  SECTION("inside a transaction block a statement commits with the others, and once") {
    CHECK(codes("BEGIN;\nALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';\nCOMMIT;") == none);
  }
}

TEST_CASE("tables created earlier in the same file are new and empty: building and locking them is safe", "[lint]") {
  CHECK(codes("CREATE TABLE invoices (id bigint PRIMARY KEY, order_id bigint, total numeric);\n"
              "CREATE INDEX invoices_order_idx ON invoices (order_id);\n"
              "ALTER TABLE invoices ADD CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);\n"
              "ALTER TABLE invoices ADD CONSTRAINT invoices_total_check CHECK (total >= 0);\n"
              "ALTER TABLE invoices ADD COLUMN status text NOT NULL;\n"
              "ALTER TABLE invoices ADD COLUMN token uuid DEFAULT gen_random_uuid();\n"
              "ALTER TABLE invoices ADD CONSTRAINT invoices_token_key UNIQUE (token);\n"
              "ALTER TABLE invoices ALTER COLUMN total SET NOT NULL;\n"
              "ALTER TABLE invoices ALTER COLUMN total TYPE numeric(12,2);\n"
              "CREATE TRIGGER invoices_audit AFTER UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION audit();\n"
              "DROP INDEX invoices_order_idx;") == none);

  SECTION("the same statements on a table that already existed are flagged") {
    CHECK(codes(with_timeout + "CREATE INDEX invoices_order_idx ON invoices (order_id);") ==
          std::vector<std::string>{"SC101"});
  }
  SECTION("CREATE TABLE IF NOT EXISTS may have found a table with rows") {
    CHECK(codes(with_timeout + "CREATE TABLE IF NOT EXISTS invoices (id bigint, order_id bigint);\n"
                               "CREATE INDEX invoices_order_idx ON invoices (order_id);") ==
          std::vector<std::string>{"SC101"});
  }
  SECTION("drops and renames are still reported") {
    CHECK(codes("CREATE TABLE scratch (id int);\nDROP TABLE scratch;") == std::vector<std::string>{"SC111"});
  }
}

TEST_CASE("an ignore annotation (-- schemactl:ignore) silences rules for the statement right after it", "[lint]") {
  CHECK(codes("-- schemactl:ignore drop-column, SC110 nothing has read legacy_note since v2\n"
              "-- (checked on the replica)\n"
              "ALTER TABLE orders DROP COLUMN legacy_note;") == none);
  CHECK(codes("/* first */\n  -- schemactl:ignore sc112\nALTER TABLE orders DROP COLUMN legacy_note;") ==
        std::vector<std::string>{"SC110"});

  CHECK(codes("SET lock_timeout = '2s';\r\n-- schemactl:ignore SC112\r\nALTER TABLE orders DROP COLUMN a;\r\n") ==
        none);

  SECTION("only that statement, and only what it names") {
    CHECK(codes(with_timeout + "-- schemactl:ignore SC112\n"
                               "ALTER TABLE orders DROP COLUMN a;\n"
                               "ALTER TABLE orders DROP COLUMN b;") == std::vector<std::string>{"SC112"});
    CHECK(codes(with_timeout + "-- schemactl:ignore SC111\nALTER TABLE orders DROP COLUMN a;") ==
          std::vector<std::string>{"SC112"});
  }
  SECTION("not across a blank line, nor from the end of the line of another statement") {
    CHECK(codes(with_timeout + "-- schemactl:ignore SC112\n\nALTER TABLE orders DROP COLUMN a;") ==
          std::vector<std::string>{"SC112"});
    CHECK(codes(with_timeout + "ALTER TABLE orders DROP COLUMN a; -- schemactl:ignore SC112\n"
                               "ALTER TABLE orders DROP COLUMN b;") == std::vector<std::string>{"SC112", "SC112"});
  }
  SECTION("a rule it does not know is an error at its position") {
    CHECK_THROWS_WITH(lint_sql("m.sql", "SELECT 1;\n-- schemactl:ignore SC112, SC999 why\nDROP TABLE t;"),
                      Contains("m.sql:2:28: unknown lint rule 'SC999'"));
    CHECK_THROWS_AS(lint_sql("m.sql", "-- schemactl:ignore\nDROP TABLE t;"), schemactl::schema::SchemaError);
  }
}

TEST_CASE("a file annotation (-- schemactl:ignore-file) silences rules for the whole file, wherever it is", "[lint]") {
  CHECK(codes("ALTER TABLE orders DROP COLUMN a;\n"
              "ALTER TABLE orders DROP COLUMN b;\n"
              "-- schemactl:ignore-file SC112, missing-lock-timeout: a contract migration, run after the deploy\n") ==
        none);
  CHECK(codes("-- schemactl:ignore-file SC112\nALTER TABLE orders DROP COLUMN a;") ==
        std::vector<std::string>{"SC110"});
}

TEST_CASE("findings are in file order, at the first token of their statement", "[lint]") {
  std::vector<LintFinding> findings = lint_sql("m.sql",
                                               "-- add a note\n"
                                               "/* and a block\n"
                                               "   comment */\n"
                                               "SET lock_timeout = '2s';\n"
                                               "ALTER TABLE orders\n"
                                               "  ADD COLUMN note text,\n"
                                               "  DROP COLUMN legacy;\n"
                                               "\n"
                                               "    -- an indented comment\n"
                                               "    DROP TABLE old_orders; /* é */ DROP TABLE older_orders;\n"
                                               "CREATE INDEX\n"
                                               "  ON orders (note);");
  std::vector<std::string> at;
  for (const LintFinding& finding : findings)
    at.push_back(fmt::format("{}:{} {}", finding.line, finding.column, finding.code));
  CHECK(at == std::vector<std::string>{"5:1 SC112", "10:5 SC111", "10:36 SC111", "11:1 SC101"});
}

TEST_CASE("a syntax error is a SchemaError at its file:line:col", "[lint]") {
  CHECK_THROWS_WITH(lint_sql("m.sql", "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN;"),
                    Contains("m.sql:2:30: syntax error"));
}

TEST_CASE("schemactl's own migrations lint clean", "[lint]") {
  // The body of a migration as schemactl writes it: SET lines before every step.
  const std::string body = R"(SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ADD COLUMN public_id uuid;
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();
SET lock_timeout = '2s';
SET statement_timeout = '0';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS customers_lower_email_key ON public.customers USING btree (lower(email));
SET lock_timeout = '2s';
SET statement_timeout = '0';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS orders_public_id_key ON public.orders USING btree (public_id);
SET lock_timeout = '2s';
SET statement_timeout = '0';
UPDATE public.orders SET public_id = DEFAULT WHERE public_id IS NULL;
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ADD CONSTRAINT orders_public_id_not_null CHECK (public_id IS NOT NULL) NOT VALID;
SET lock_timeout = '2s';
SET statement_timeout = '0';
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_public_id_not_null;
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ALTER COLUMN public_id SET NOT NULL;
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders DROP CONSTRAINT orders_public_id_not_null;
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ADD CONSTRAINT orders_public_id_key UNIQUE USING INDEX orders_public_id_key;
SET lock_timeout = '2s';
SET statement_timeout = '30s';
ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers(id) NOT VALID;
SET lock_timeout = '2s';
SET statement_timeout = '0';
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk;
)";
  CHECK(lint_sql("migrations/20261122T033000Z_add_public_id.sql", body).empty());
}

TEST_CASE("text output: aligned findings with their fixes, then a count", "[lint]") {
  std::vector<LintFinding> findings = {
      {"SC112", "drop-column", "column public.t.a is dropped", "m.sql", 3, 1, "drop it later"},
      {"SC101", "create-index-not-concurrently", "index i on public.t is built", "migrations/b.sql", 12, 5,
       "CREATE INDEX CONCURRENTLY"}};
  CHECK(schemactl::planner::render_lint_text(findings, 2) ==
        "m.sql:3:1              SC112 drop-column                    column public.t.a is dropped\n"
        "    fix: drop it later\n"
        "migrations/b.sql:12:5  SC101 create-index-not-concurrently  index i on public.t is built\n"
        "    fix: CREATE INDEX CONCURRENTLY\n"
        "\n"
        "2 findings in 2 files\n");
  CHECK(schemactl::planner::render_lint_text({}, 1) == "0 findings in 1 file\n");
}

TEST_CASE("json output: an array of findings", "[lint]") {
  auto json = nlohmann::json::parse(
      schemactl::planner::render_lint_json(lint_sql("m.sql", "SET lock_timeout = '2s';\n  DROP TABLE legacy_orders;")));
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 1);
  CHECK(json[0]["file"] == "m.sql");
  CHECK(json[0]["line"] == 2);
  CHECK(json[0]["column"] == 3);
  CHECK(json[0]["code"] == "SC111");
  CHECK(json[0]["rule"] == "drop-table");
  CHECK_THAT(json[0]["message"].get<std::string>(), Contains("public.legacy_orders"));
  CHECK(json[0]["fix"].is_string());
  CHECK(schemactl::planner::render_lint_json({}) == "[]\n");
}

namespace {

// run_lint prints its report; the exit code is what these tests are about.
class QuietStdout {
 public:
  QuietStdout() : saved_(dup(STDOUT_FILENO)) {
    std::fflush(stdout);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    close(null);
  }
  ~QuietStdout() {
    std::fflush(stdout);
    dup2(saved_, STDOUT_FILENO);
    close(saved_);
  }

 private:
  int saved_;
};

}  // namespace

TEST_CASE("lint exits 0 when clean, 2 on findings, 1 on an unreadable or unparsable file", "[lint]") {
  schemactl::testing::TempDir dir;
  std::string clean = dir.write("clean.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON orders (note);\n").string();
  std::string unsafe = dir.write("unsafe.sql", "DROP TABLE orders;\n").string();
  std::string broken = dir.write("broken.sql", "DROP TABLE;\n").string();
  QuietStdout quiet;
  CHECK(schemactl::cli::run_lint({clean}, "text") == 0);
  CHECK(schemactl::cli::run_lint({clean, unsafe}, "json") == 2);
  CHECK(schemactl::cli::run_lint({unsafe, (dir.path() / "missing.sql").string()}, "text") == 1);
  CHECK(schemactl::cli::run_lint({broken}, "text") == 1);
}
