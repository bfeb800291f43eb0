#include "engine/introspect_sql.hpp"

#include <fmt/core.h>
#include <pqxx/pqxx>

namespace schemactl::engine::introspect_sql {

std::string not_extension_member(std::string_view catalog, std::string_view oid) {
  return fmt::format(
      "NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = '{}'::regclass "
      "AND x.objid = {} AND x.deptype = 'e')",
      catalog, oid);
}

std::string text(const pqxx::field& field) { return field.is_null() ? "" : field.as<std::string>(); }

std::vector<std::string> text_array(const pqxx::field& field) {
  std::vector<std::string> values;
  auto parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next())
    if (item.first == pqxx::array_parser::string_value) values.push_back(std::move(item.second));
  return values;
}

std::vector<std::pair<pqxx::oid, schema::Index>> read_indexes(pqxx::transaction_base& txn, const std::string& oids) {
  // A foreign key's conindid names the referenced table's index, hence the conrelid
  // match. A partition's index attached to its parent's (relispartition) is the parent's.
  auto rows = txn.exec_params(
      "SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisvalid, "
      "  ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
      "  pg_get_expr(i.indpred, i.indrelid) "
      "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
      "WHERE i.indrelid = ANY ($1::oid[]) AND NOT ic.relispartition AND NOT EXISTS ("
      "  SELECT FROM pg_constraint con WHERE con.conrelid = i.indrelid "
      "  AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')) "
      "ORDER BY i.indrelid, ic.relname COLLATE \"C\"",
      oids);
  std::vector<std::pair<pqxx::oid, schema::Index>> indexes;
  for (const auto& row : rows) {
    indexes.emplace_back(row[0].as<pqxx::oid>(), schema::Index{
                                                     .name = row[1].as<std::string>(),
                                                     .definition = row[2].as<std::string>(),
                                                     .unique = row[3].as<bool>(),
                                                     .valid = row[4].as<bool>(),
                                                     .key_expressions = text_array(row[5]),
                                                     .predicate = text(row[6]),
                                                 });
  }
  return indexes;
}

}  // namespace schemactl::engine::introspect_sql
