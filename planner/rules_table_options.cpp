#include "planner/rules_table_options.hpp"

#include <map>

#include <fmt/format.h>

#include "schema/ddl_table_settings.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;

std::map<std::string, std::string> parameters(const std::vector<std::string>& options) {
  std::map<std::string, std::string> by_name;
  for (const auto& option : options) {
    auto [name, value] = schema::parse_storage_parameter(option);
    by_name.emplace(std::move(name), std::move(value));
  }
  return by_name;
}

// `alter` is "ALTER TABLE t" or "ALTER INDEX i".
void change_storage_parameters(const std::string& alter, const std::string& object, const std::vector<std::string>& a,
                               const std::vector<std::string>& b, std::string_view why, StagedSteps& out) {
  auto before = parameters(a);
  auto after = parameters(b);
  std::vector<std::string> set;
  std::string reset;
  for (const auto& option : b) {
    auto [name, value] = schema::parse_storage_parameter(option);
    auto found = before.find(name);
    if (found == before.end() || found->second != value) set.push_back(option);
  }
  for (const auto& [name, value] : before)
    if (!after.contains(name)) reset += (reset.empty() ? "" : ", ") + name;
  if (!set.empty())
    add_step(out, Stage::alter_table_settings, alter + " SET (" + schema::storage_parameters_sql(set) + ")",
             TxMode::shared, object, std::string(why));
  if (!reset.empty())
    add_step(out, Stage::alter_table_settings, alter + " RESET (" + reset + ")", TxMode::shared, object,
             std::string(why));
}

}  // namespace

void plan_table_settings_change(const engine::TableSettingsChanged& c, StagedSteps& out) {
  auto table = schema::quote_name(c.table);
  if (c.from.unlogged != c.to.unlogged) {
    add_step(out, Stage::alter_table_settings,
             "ALTER TABLE " + table + (c.to.unlogged ? " SET UNLOGGED" : " SET LOGGED"), TxMode::own, table,
             "changing persistence rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
             {Hazard::table_rewrite, Hazard::blocks_reads});
  }
  if (c.from.options != c.to.options) {
    change_storage_parameters("ALTER TABLE " + table, table, c.from.options, c.to.options,
                              "storage parameters take a SHARE UPDATE EXCLUSIVE lock: reads and writes go on; they "
                              "apply to rows written from now on",
                              out);
  }
  if (c.from.replica_identity != c.to.replica_identity || c.from.replica_identity_index != c.to.replica_identity_index) {
    add_step(out, Stage::alter_table_settings, schema::replica_identity_sql(c.table, c.to), TxMode::shared, table,
             c.to.replica_identity == schema::ReplicaIdentity::index
                 ? "metadata only; after the index it uses is built, before an index it no longer uses is dropped"
                 : "metadata only");
  }
}

void plan_index_settings_change(const engine::IndexSettingsChanged& c, StagedSteps& out) {
  auto index = schema::quote_name({c.relation.schema, c.to.name});
  change_storage_parameters("ALTER INDEX " + index, index, c.from.options, c.to.options,
                            "metadata only: the index is not rebuilt, new pages follow the parameters", out);
}

void plan_partition_index_rename(const engine::PartitionIndexRenamed& c, StagedSteps& out) {
  add_step(out, Stage::rename,
           fmt::format("ALTER INDEX {} RENAME TO {}", schema::quote_name({c.partition.schema, c.from}),
                       schema::quote_ident(c.to)),
           TxMode::shared, schema::quote_name({c.partition.schema, c.to}), "metadata only: a brief lock on the index");
}

}  // namespace schemactl::planner
