#include "engine/introspect_indexes.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <tuple>

#include <fmt/core.h>
#include <pqxx/pqxx>

#include "engine/introspect_sql.hpp"
#include "engine/text_array.hpp"
#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

using introspect_sql::integer_array;
using introspect_sql::text;
using introspect_sql::text_array;

// pg_get_indexdef(oid) costs 30 µs an index (it scans pg_opclass for the default
// operator class of every key, and opens the table), and joining the keys to their
// columns' names in SQL hashed 160,000 rows of pg_attribute: a quarter of a second
// on 10,000 tables, on the session that also reads pg_depend. The rows carry the
// keys as column numbers instead, and the usual shape is built on the client (see
// usual_definition); the server deparses only what needs it: the predicates (see
// deparse_predicates), the keys of an expression index, and the whole definition of
// an index with INCLUDE, an expression, NULLS NOT DISTINCT, storage parameters or
// partitions (ON ONLY). The table's name and the order are the client's too.
constexpr std::string_view index_rows_query =
    "SELECT i.indrelid, i.indexrelid, con.conindid IS NOT NULL, ic.relname, i.indisunique, i.indisvalid, "
    "  i.indkey::int2[], i.indclass::oid[], i.indcollation::oid[], i.indoption::int2[], i.indnkeyatts, "
    "  CASE WHEN i.indexprs IS NOT NULL THEN ARRAY(SELECT pg_get_indexdef(i.indexrelid, n, true) "
    "    FROM generate_series(1, i.indnkeyatts) n ORDER BY n) END, "
    "  i.indpred::text, coalesce(ic.reloptions, '{}'), am.amname, "
    "  CASE WHEN i.indnatts <> i.indnkeyatts OR i.indexprs IS NOT NULL OR i.indnullsnotdistinct "
    "    OR ic.reloptions IS NOT NULL OR ic.relkind <> 'i' THEN pg_get_indexdef(i.indexrelid) END "
    "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
    "JOIN pg_am am ON am.oid = ic.relam "
    // A foreign key's conindid names the referenced table's index, hence the conrelid
    // match. A partition's index attached to its parent's (relispartition) is the parent's.
    "LEFT JOIN (SELECT DISTINCT conrelid, conindid FROM pg_constraint WHERE contype IN ('p', 'u', 'x')) con "
    "  ON con.conrelid = i.indrelid AND con.conindid = i.indexrelid "
    "WHERE i.indrelid = ANY ($1::oid[]) AND (con.conindid IS NOT NULL OR NOT ic.relispartition)";

template <typename Number>
std::vector<Number> numbers(const char* array) {
  auto values = integer_array(array);
  return {values.begin(), values.end()};
}

// What a predicate's deparsed text depends on: its node tree (pg_node_tree's text)
// without the parse locations, and the names of the columns its Vars read, in
// order. None when a Var is not a plain column of the index's table (a whole row,
// a system column, an outer query's), whose text may name the table.
std::optional<std::string> predicate_group(const IndexRow& row, const ObjectNames& names) {
  const std::string& tree = row.predicate_tree;
  std::string key, columns;
  auto number_after = [&](std::size_t at, std::string_view field) -> std::optional<long> {
    auto found = tree.find(field, at);
    if (found == std::string::npos) return std::nullopt;
    return std::strtol(tree.c_str() + found + field.size(), nullptr, 10);
  };
  bool quoted = false;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    char c = tree[i];
    if (quoted) {
      key += c;
      if (c == '\\' && i + 1 < tree.size()) key += tree[++i];
      else if (c == '"') quoted = false;
      continue;
    }
    if (c == '"') quoted = true;
    if (tree.compare(i, 10, ":location ") == 0) {  // where the expression stood in its CREATE INDEX
      i += 10;
      while (i < tree.size() && (tree[i] == '-' || (tree[i] >= '0' && tree[i] <= '9'))) ++i;
      --i;
      continue;
    }
    if (tree.compare(i, 5, "{VAR ") == 0) {
      auto varno = number_after(i, ":varno ");
      auto attno = number_after(i, ":varattno ");
      auto levels = number_after(i, ":varlevelsup ");
      if (varno != 1 || !attno || *attno <= 0 || levels != 0) return std::nullopt;
      const ColumnFacts* column = names.column(row.relation, static_cast<std::int32_t>(*attno));
      if (!column) return std::nullopt;
      columns += column->name;
      columns += '\0';
    }
    key += c;
  }
  return key + '\0' + columns;
}

// Each partial index's predicate as pg_get_expr() prints it. Deparsing opens the
// table (0.2 s of relation cache on 10,000 tables), so each distinct predicate is
// deparsed once, on one of its indexes: the same tree over columns of the same
// names prints the same text, the table's name being no part of it.
void deparse_predicates(pqxx::transaction_base& txn, IndexRows& rows, const ObjectNames& names) {
  std::unordered_map<std::string, pqxx::oid> representative;  // by predicate_group
  std::unordered_map<pqxx::oid, pqxx::oid> deparsed_by;       // index -> the index it is deparsed on
  std::vector<std::string> deparse;
  for (const auto& row : rows.rows) {
    if (row.predicate_tree.empty()) continue;
    auto group = predicate_group(row, names);
    auto [at, first] = representative.try_emplace(group ? *group : "index " + std::to_string(row.index), row.index);
    if (first) deparse.push_back(std::to_string(row.index));
    deparsed_by.emplace(row.index, at->second);
  }
  if (deparse.empty()) return;
  std::unordered_map<pqxx::oid, std::string> text;
  for (const auto& row : txn.exec_params("SELECT indexrelid, pg_get_expr(indpred, indrelid) FROM pg_index "
                                         "WHERE indexrelid = ANY ($1::oid[])",
                                         text_array_literal(deparse)))
    text.emplace(row[0].as<pqxx::oid>(), row[1].as<std::string>());
  for (auto& row : rows.rows)
    if (!row.predicate_tree.empty()) row.fields.predicate = text.at(deparsed_by.at(row.index));
}

// The keys' quoted names, as the deparser prints a plain column key; false when a
// key is an expression or a column that was not read.
bool name_keys(IndexRow& row, const ObjectNames& names) {
  std::vector<std::string> expressions;
  for (std::int32_t key : row.keys) {
    const ColumnFacts* column = key ? names.column(row.relation, key) : nullptr;
    if (!column) return false;
    expressions.push_back(schema::quote_ident(column->name));
  }
  row.fields.key_expressions = std::move(expressions);
  return true;
}

// The definition exactly as pg_get_indexdef() prints an index whose every key is a
// plain column (named), in the default operator class of its own type (a domain's
// is its base type's, left to the deparser), without options, in its own
// collation: the name and the ordering only. Empty when a key is not of that shape.
std::string usual_definition(const IndexRow& row, const IndexRows& rows, const ObjectNames& names) {
  const schema::QualifiedName* table = names.relation(row.relation);
  if (!table || names.indexes_with_options.contains(row.index)) return "";
  std::string keys;
  for (std::size_t k = 0; k < row.keys.size(); ++k) {
    const ColumnFacts* column = names.column(row.relation, row.keys[k]);
    auto opclass = rows.default_opclasses.find(row.opclasses.at(k));
    if (opclass == rows.default_opclasses.end() || opclass->second != column->type) return "";
    if (row.collations.at(k) != 0 && row.collations.at(k) != column->collation) return "";
    if (k > 0) keys += ", ";
    keys += row.fields.key_expressions[k];
    switch (row.key_options.at(k) & 3) {
      case 1: keys += " DESC NULLS LAST"; break;
      case 2: keys += " NULLS FIRST"; break;
      case 3: keys += " DESC"; break;
      default: break;
    }
  }
  std::string definition = fmt::format("CREATE {}INDEX {} ON {} USING {} ({})", row.fields.unique ? "UNIQUE " : "",
                                       schema::quote_ident(row.fields.name), schema::quote_name(*table),
                                       schema::quote_ident(row.amname), keys);
  if (!row.fields.predicate.empty()) definition += " WHERE " + row.fields.predicate;
  return definition;
}

}  // namespace

IndexRows read_index_rows(pqxx::transaction_base& txn, const std::string& oids) {
  IndexRows result;
  for (const auto& row : txn.exec_params(std::string(index_rows_query), oids)) {
    introspect_sql::RowFields fields(row);
    IndexRow index{
        .relation = fields.as<pqxx::oid>(0),
        .index = fields.as<pqxx::oid>(1),
        .backs_constraint = fields.as<bool>(2),
        .fields = {.name = fields.as<std::string>(3),
                   .unique = fields.as<bool>(4),
                   .valid = fields.as<bool>(5),
                   .key_expressions = fields.is_null(11) ? std::vector<std::string>{} : text_array(row[11]),
                   .options = text_array(row[13])},
        .keys = numbers<std::int32_t>(fields.c_str(6)),
        .opclasses = numbers<pqxx::oid>(fields.c_str(7)),
        .collations = numbers<pqxx::oid>(fields.c_str(8)),
        .key_options = numbers<std::int32_t>(fields.c_str(9)),
        .amname = fields.as<std::string>(14),
        .deparsed = fields.text(15),
        .predicate_tree = fields.text(12),
    };
    index.keys.resize(fields.as<std::size_t>(10));  // the key columns, without INCLUDE's
    result.rows.push_back(std::move(index));
  }
  if (result.rows.empty()) return result;
  for (const auto& row : txn.exec("SELECT oc.oid, oc.opcintype FROM pg_opclass oc "
                                  "JOIN pg_type ot ON ot.oid = oc.opcintype AND ot.typtype <> 'd' "
                                  "WHERE oc.opcdefault"))
    result.default_opclasses.emplace(row[0].as<pqxx::oid>(), row[1].as<pqxx::oid>());
  return result;
}

Indexes build_indexes(pqxx::transaction_base& txn, IndexRows rows, const ObjectNames& names) {
  deparse_predicates(txn, rows, names);
  // By relation, then name as COLLATE "C" sorts it (bytes).
  std::sort(rows.rows.begin(), rows.rows.end(), [](const IndexRow& a, const IndexRow& b) {
    return std::tie(a.relation, a.fields.name) < std::tie(b.relation, b.fields.name);
  });
  std::vector<std::string> unusual;  // the oids of those pg_get_indexdef() prints
  std::unordered_map<pqxx::oid, std::size_t> position;
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    auto& row = rows.rows[i];
    // An expression index's keys were deparsed with it.
    bool named = !row.fields.key_expressions.empty() || name_keys(row, names);
    if (!row.deparsed.empty()) row.fields.definition = std::move(row.deparsed);
    else if (named) row.fields.definition = usual_definition(row, rows, names);
    if (!named || row.fields.definition.empty()) {
      unusual.push_back(std::to_string(row.index));
      position.emplace(row.index, i);
    }
  }
  if (!unusual.empty()) {
    for (const auto& row : txn.exec_params("SELECT i, pg_get_indexdef(i), "
                                           "  ARRAY(SELECT pg_get_indexdef(i, n, true) FROM generate_series(1, "
                                           "    (SELECT indnkeyatts FROM pg_index WHERE indexrelid = i)) n ORDER BY n) "
                                           "FROM unnest($1::oid[]) i",
                                           text_array_literal(unusual))) {
      auto& index = rows.rows[position.at(row[0].as<pqxx::oid>())].fields;
      index.definition = row[1].as<std::string>();
      index.key_expressions = text_array(row[2]);
    }
  }
  Indexes indexes;
  for (auto& row : rows.rows) {
    if (row.backs_constraint) indexes.of_constraints.emplace(row.index, std::move(row.fields.definition));
    else indexes.of_relations.emplace_back(row.relation, std::move(row.fields));
  }
  return indexes;
}

}  // namespace schemactl::engine
