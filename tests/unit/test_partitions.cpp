// Declarative partitioning, on catalogs built by hand: its canonical DDL and the
// online rules. (Every rule is also proven on a real database by the partition_*
// scenario fixtures.)
#include <catch2/catch.hpp>

#include "planner/plan.hpp"
#include "schema/ddl.hpp"
#include "schema/ddl_partitions.hpp"
#include "support/plan_sql.hpp"

using namespace schemactl;
using schema::Column;
using schema::PartitionOf;
using schema::Table;

namespace {

Table parent() {
  return Table{.name = {"Sales", "Events"},
               .columns = {Column{.name = "At", .type = "date", .not_null = true}},
               .partition_key = "RANGE (\"At\")"};
}

Table partition(std::string name, std::string bound, std::string constraint = "") {
  return Table{.name = {"public", std::move(name)},
               .partition_of = PartitionOf{{"Sales", "Events"}, std::move(bound), std::move(constraint)}};
}

schema::Catalog catalog_of(std::vector<Table> tables) {
  schema::Catalog catalog;
  catalog.schemas = {"Sales", "public"};
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.name < b.name; });
  catalog.tables = std::move(tables);
  return catalog;
}

using testing::sql_of;

}  // namespace

TEST_CASE("a partitioned table and a partition render as PARTITION BY and PARTITION OF", "[ddl][partitions]") {
  CHECK(schema::create_table_sql(parent()) ==
        "CREATE TABLE \"Sales\".\"Events\" (\n    \"At\" date NOT NULL\n) PARTITION BY RANGE (\"At\")");
  CHECK(schema::create_table_sql(partition("e_default", "DEFAULT")) ==
        "CREATE TABLE public.e_default PARTITION OF \"Sales\".\"Events\" DEFAULT");
  auto with_check = partition("e1", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  with_check.constraints = {{.name = "own", .definition = "CHECK (true)"}};
  CHECK(schema::create_table_sql(with_check) ==
        "CREATE TABLE public.e1 PARTITION OF \"Sales\".\"Events\" (\n    CONSTRAINT own CHECK (true)\n) "
        "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
}

TEST_CASE("the canonical script creates every parent before its partitions", "[ddl][partitions]") {
  // public sorts after "Sales", so by name alone the partitions would come first.
  auto sub = partition("a_sub", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  sub.partition_key = "LIST (kind)";
  Table leaf{.name = {"Sales", "A leaf"}, .partition_of = PartitionOf{{"public", "a_sub"}, "DEFAULT", ""}};
  auto catalog = catalog_of({sub, leaf, parent()});
  std::vector<std::string> order;
  for (const auto* table : schema::tables_parents_first(catalog)) order.push_back(table->name.name);
  CHECK(order == std::vector<std::string>{"Events", "a_sub", "A leaf"});
  CHECK(schema::index_with_partitions("CREATE INDEX i ON ONLY public.t USING btree (a)") ==
        "CREATE INDEX i ON public.t USING btree (a)");
}

TEST_CASE("a partition of an existing parent is created LIKE it and attached; a removed one is detached",
          "[plan][partitions]") {
  auto from = catalog_of({parent(), partition("e2024", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')")});
  auto to = catalog_of({parent(), partition("e2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")});
  auto plan = planner::plan_changes(from, to);
  CHECK(sql_of(plan) == std::vector<std::string>{
                            "CREATE TABLE public.e2025 (LIKE \"Sales\".\"Events\" INCLUDING DEFAULTS INCLUDING "
                            "CONSTRAINTS INCLUDING GENERATED);\nALTER TABLE \"Sales\".\"Events\" ATTACH PARTITION "
                            "public.e2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                            "ALTER TABLE \"Sales\".\"Events\" DETACH PARTITION public.e2024 CONCURRENTLY",
                            "DROP TABLE public.e2024"});
  CHECK(plan.steps[1].step.tx == engine::TxMode::none);
  CHECK(plan.steps[1].phase == planner::Phase::contract);
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::deletes_data});

  // With a DEFAULT partition: no CONCURRENTLY, and attaching scans the default partition.
  from.tables.push_back(partition("others", "DEFAULT"));
  to.tables.push_back(partition("others", "DEFAULT"));
  plan = planner::plan_changes(from, to);
  CHECK(sql_of(plan)[1] == "ALTER TABLE \"Sales\".\"Events\" DETACH PARTITION public.e2024");
  CHECK(plan.hazards() == std::set<planner::Hazard>{planner::Hazard::deletes_data, planner::Hazard::blocks_writes,
                                                      planner::Hazard::blocks_reads});
}

TEST_CASE("a new partition's own foreign key is added after it is attached", "[plan][partitions]") {
  auto added = partition("e2025", "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
  added.constraints = {{.name = "e2025_fk",
                        .kind = schema::ConstraintKind::foreign_key,
                        .definition = "FOREIGN KEY (id) REFERENCES public.accounts(id)"}};
  auto sql = sql_of(planner::plan_changes(catalog_of({parent()}), catalog_of({parent(), added})));
  REQUIRE(sql.size() == 2);
  CHECK_THAT(sql[0], Catch::Contains("ATTACH PARTITION public.e2025"));
  CHECK(sql[1] == "ALTER TABLE public.e2025 ADD CONSTRAINT e2025_fk FOREIGN KEY (id) REFERENCES public.accounts(id)");
}

TEST_CASE("an index of an existing partitioned table is built ON ONLY it, then per partition CONCURRENTLY",
          "[plan][partitions]") {
  auto e2024 = partition("e2024", "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  auto from = catalog_of({parent(), e2024});
  auto indexed = parent();
  indexed.indexes = {{.name = "events_at",
                      .definition = "CREATE UNIQUE INDEX events_at ON ONLY \"Sales\".\"Events\" USING btree (\"At\")",
                      .unique = true,
                      .key_expressions = {"\"At\""},
                      .attached = {{{"public", "e2024"}, "e2024_At_idx"}}}};
  auto plan = planner::plan_changes(from, catalog_of({indexed, e2024}));
  CHECK(sql_of(plan) ==
        std::vector<std::string>{
            "CREATE UNIQUE INDEX IF NOT EXISTS events_at ON ONLY \"Sales\".\"Events\" USING btree (\"At\")",
            "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"e2024_At_idx\" ON public.e2024 USING btree (\"At\")",
            "ALTER INDEX \"Sales\".events_at ATTACH PARTITION public.\"e2024_At_idx\""});
  CHECK(plan.steps[1].step.tx == engine::TxMode::none);
  CHECK(plan.hazards().empty());
  CHECK(plan.steps.back().step.preflight.size() == 1);  // no duplicates in the rows already there
}

TEST_CASE("a new partition key is refused with a message naming the table", "[plan][partitions]") {
  auto to = parent();
  to.partition_key = "LIST (\"At\")";
  CHECK_THROWS_WITH(planner::plan_changes(catalog_of({parent()}), catalog_of({to})),
                    Catch::Contains("\"Sales\".\"Events\" is partitioned by RANGE (\"At\") but should be "
                                    "partitioned by LIST (\"At\")"));
}
