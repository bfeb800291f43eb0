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

namespace {

// Each index's key columns and expressions, as SQL in key order: a column is its
// quoted name (what the deparser prints for it); only an expression needs
// pg_get_indexdef(oid, k, true), the costly call, made once per index otherwise.
std::string index_key_expressions() {
  return "SELECT i.indexrelid, array_agg(CASE WHEN i.indkey[k.n - 1] <> 0 THEN quote_ident(a.attname) "
         "  ELSE pg_get_indexdef(i.indexrelid, k.n, true) END ORDER BY k.n) AS expressions "
         "FROM pg_index i CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) k(n) "
         "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1] "
         "WHERE i.indrelid = ANY ($1::oid[]) GROUP BY i.indexrelid";
}

}  // namespace

std::vector<std::pair<pqxx::oid, schema::Index>> read_indexes(pqxx::transaction_base& txn, const std::string& oids) {
  // A foreign key's conindid names the referenced table's index, hence the conrelid
  // match. A partition's index attached to its parent's (relispartition) is the parent's.
  auto rows = txn.exec_params(fmt::format(
      "SELECT i.indrelid, ic.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisvalid, "
      "  keys.expressions, pg_get_expr(i.indpred, i.indrelid), coalesce(ic.reloptions, '{{}}') "
      "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
      "JOIN ({}) keys ON keys.indexrelid = i.indexrelid "
      "WHERE i.indrelid = ANY ($1::oid[]) AND NOT ic.relispartition AND NOT EXISTS ("
      "  SELECT FROM pg_constraint con WHERE con.conrelid = i.indrelid "
      "  AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')) "
      "ORDER BY i.indrelid, ic.relname COLLATE \"C\"",
      index_key_expressions()),
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
                                                     .options = text_array(row[7]),
                                                 });
  }
  return indexes;
}

}  // namespace schemactl::engine::introspect_sql
