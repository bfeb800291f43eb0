#include "engine/introspect_indexes.hpp"

#include <fmt/core.h>
#include <pqxx/pqxx>

#include "engine/introspect_sql.hpp"

namespace schemactl::engine {
namespace {

// Each index's keys in key order (i is pg_index, $1 the relations): the key
// expressions, where a column is its quoted name (what the deparser prints for it)
// and only an expression needs pg_get_indexdef(oid, k, true); the key list of the
// definition, NULL unless every key is a plain column in the default operator class
// of its own type (a domain's is its base type's, left to the deparser) and in its
// own collation, which is when the deparser prints no more than the name and the
// ordering; and the predicate, deparsed once here for both of its uses. The
// attributes are filtered by $1 too, which the join implies, so that its hash
// holds the relations' attributes only, not all 400,000 rows of pg_attribute on
// 10,000 tables.
constexpr std::string_view index_keys =
    "SELECT i.indexrelid, "
    "  array_agg(CASE WHEN k.attnum <> 0 THEN quote_ident(a.attname) "
    "    ELSE pg_get_indexdef(i.indexrelid, k.n::int, true) END ORDER BY k.n) AS expressions, "
    "  CASE WHEN bool_and(k.attnum <> 0 AND oc.oid IS NOT NULL AND i.indcollation[k.n - 1] IN (0, a.attcollation)) "
    "    THEN string_agg(quote_ident(a.attname) || CASE i.indoption[k.n - 1] & 3 "
    "      WHEN 1 THEN ' DESC NULLS LAST' WHEN 2 THEN ' NULLS FIRST' WHEN 3 THEN ' DESC' ELSE '' END, "
    "      ', ' ORDER BY k.n) END AS columns, "
    "  pg_get_expr(i.indpred, i.indrelid) AS predicate "
    "FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, n) "
    "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND a.attrelid = ANY ($1::oid[]) "
    "LEFT JOIN (pg_opclass oc JOIN pg_type ot ON ot.oid = oc.opcintype AND ot.typtype <> 'd') "
    "  ON oc.oid = i.indclass[k.n - 1] AND oc.opcdefault AND oc.opcintype = a.atttypid "
    "WHERE i.indrelid = ANY ($1::oid[]) AND k.n <= i.indnkeyatts "
    "GROUP BY i.indexrelid";

// pg_get_indexdef(oid) costs 30 µs an index (it scans pg_opclass for the default
// operator class of every key, and opens the table): a third of a second on 10,000
// tables. The usual shape is built here instead, exactly as it prints it: keys as
// above, no INCLUDE, no expression, no NULLS NOT DISTINCT, no storage parameters,
// no operator class parameters (ia), not partitioned (ON ONLY); anything else is
// left to pg_get_indexdef. Its tablespace is never printed.
constexpr std::string_view index_definition =
    "CASE WHEN k.columns IS NOT NULL AND i.indnatts = i.indnkeyatts AND i.indexprs IS NULL "
    "  AND NOT i.indnullsnotdistinct AND ic.reloptions IS NULL AND ic.relkind = 'i' AND ia.attrelid IS NULL "
    "THEN 'CREATE ' || CASE WHEN i.indisunique THEN 'UNIQUE ' ELSE '' END || 'INDEX ' || quote_ident(ic.relname) "
    "  || ' ON ' || quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || ' USING ' || quote_ident(am.amname) "
    "  || ' (' || k.columns || ')' || coalesce(' WHERE ' || k.predicate, '') "
    "ELSE pg_get_indexdef(i.indexrelid) END";

}  // namespace

Indexes read_indexes(pqxx::transaction_base& txn, const std::string& oids) {
  // A foreign key's conindid names the referenced table's index, hence the conrelid
  // match. A partition's index attached to its parent's (relispartition) is the parent's.
  auto rows = txn.exec_params(fmt::format(
      "SELECT i.indrelid, i.indexrelid, con.conindid IS NOT NULL, ic.relname, {}, i.indisunique, i.indisvalid, "
      "  k.expressions, k.predicate, coalesce(ic.reloptions, '{{}}') "
      "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
      "JOIN ({}) k ON k.indexrelid = i.indexrelid "
      "JOIN pg_am am ON am.oid = ic.relam "
      "JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
      "LEFT JOIN (SELECT DISTINCT attrelid FROM pg_attribute WHERE attoptions IS NOT NULL) ia "
      "  ON ia.attrelid = i.indexrelid "
      "LEFT JOIN (SELECT DISTINCT conrelid, conindid FROM pg_constraint WHERE contype IN ('p', 'u', 'x')) con "
      "  ON con.conrelid = i.indrelid AND con.conindid = i.indexrelid "
      "WHERE i.indrelid = ANY ($1::oid[]) AND (con.conindid IS NOT NULL OR NOT ic.relispartition) "
      "ORDER BY i.indrelid, ic.relname COLLATE \"C\"",
      index_definition, index_keys),
      oids);
  Indexes indexes;
  for (const auto& row : rows) {
    if (row[2].as<bool>()) {
      indexes.of_constraints.emplace(row[1].as<pqxx::oid>(), row[4].as<std::string>());
      continue;
    }
    indexes.of_relations.emplace_back(row[0].as<pqxx::oid>(),
                                      schema::Index{
                                          .name = row[3].as<std::string>(),
                                          .definition = row[4].as<std::string>(),
                                          .unique = row[5].as<bool>(),
                                          .valid = row[6].as<bool>(),
                                          .key_expressions = introspect_sql::text_array(row[7]),
                                          .predicate = introspect_sql::text(row[8]),
                                          .options = introspect_sql::text_array(row[9]),
                                      });
  }
  return indexes;
}

}  // namespace schemactl::engine
