// Reading indexes: each one's definition as pg_get_indexdef() prints it, built on
// the client for the usual shape (see introspect_indexes.cpp).
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pqxx/transaction_base>

#include "engine/introspect_names.hpp"
#include "schema/catalog.hpp"

namespace schemactl::engine {

struct Indexes {
  // By relation then name, with the oid of each one's relation. Indexes backing a
  // constraint belong to it and are not here; neither are a partition's indexes
  // attached to its parent's.
  std::vector<std::pair<pqxx::oid, schema::Index>> of_relations;
  // The definitions of the indexes backing a PRIMARY KEY, UNIQUE or EXCLUDE
  // constraint, by index oid (the constraint's conindid).
  std::unordered_map<pqxx::oid, std::string> of_constraints;
};

// An index as pg_index has it, its keys still column numbers.
struct IndexRow {
  pqxx::oid relation = 0;
  pqxx::oid index = 0;
  bool backs_constraint = false;
  schema::Index fields;  // all but the definition, the predicate and the plain columns' key_expressions
  std::vector<std::int32_t> keys;        // column numbers, 0 for an expression
  std::vector<pqxx::oid> opclasses;      // of the keys
  std::vector<pqxx::oid> collations;     // of the keys
  std::vector<std::int32_t> key_options; // of the keys: DESC 1, NULLS FIRST 2
  std::string amname;
  std::string deparsed;  // pg_get_indexdef(), read when the shape is not the usual one
  std::string predicate_tree;  // pg_index.indpred as text, deparsed into fields.predicate
};

struct IndexRows {
  std::vector<IndexRow> rows;
  std::unordered_map<pqxx::oid, pqxx::oid> default_opclasses;  // opclass -> the non-domain type it is the default for
};

// The indexes of the relations whose oids the array literal `oids` lists. Needs no
// names: it runs on a session of its own, beside the one that reads the columns.
IndexRows read_index_rows(pqxx::transaction_base& txn, const std::string& oids);

// The rows' definitions, from `names`' columns; what they cannot tell is asked of
// pg_get_indexdef() on `txn`.
Indexes build_indexes(pqxx::transaction_base& txn, IndexRows rows, const ObjectNames& names);

}  // namespace schemactl::engine
