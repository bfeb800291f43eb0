// Reading indexes: each one's definition as pg_get_indexdef() prints it, built from
// the catalogs for the usual shape (see introspect_indexes.cpp).
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pqxx/transaction_base>

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

// The indexes of the relations whose oids the array literal `oids` lists.
Indexes read_indexes(pqxx::transaction_base& txn, const std::string& oids);

}  // namespace schemactl::engine
