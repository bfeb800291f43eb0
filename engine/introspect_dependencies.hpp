// The dependencies between managed objects (pg_depend), read as catalog addresses
// and named on the client from what the other queries read.
//
// Naming them in SQL joined 120,000 rows of pg_depend with 165,000 named objects
// (every column among them): the longest query of an introspection, 0.3 to 0.45 s
// on 10,000 tables. Read raw, the rows cost the server a scan of pg_depend, and the
// client a hash lookup for each side.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <pqxx/transaction_base>

#include "engine/introspect_names.hpp"
#include "schema/catalog.hpp"

namespace schemactl::engine {

// An object as pg_depend names it: its catalog, its oid, and a column number (a
// relation's column), else 0.
struct CatalogAddress {
  pqxx::oid catalog = 0;
  pqxx::oid oid = 0;
  std::int32_t column = 0;
};

// What a dependent or referenced address that is not a relation or routine belongs
// to: a row type, a view's rule, a default, a constraint, a trigger or a policy.
struct AddressOwner {
  char kind = 'r';        // 'r' the relation, 'c' its column, 'k' constraint, 't' trigger, 'p' policy
  pqxx::oid relation = 0;
  std::int32_t column = 0;
  std::string name;       // the constraint's, trigger's or policy's
};

struct DependencyRows {
  std::vector<std::pair<CatalogAddress, CatalogAddress>> rows;  // (dependent, referenced)
  std::unordered_map<std::uint64_t, AddressOwner> owners;       // by (catalog, oid)
};

// The normal and automatic rows of pg_depend between the catalogs of managed objects,
// and the owners of the addresses in them. Two queries, inside the caller's snapshot.
DependencyRows read_dependency_rows(pqxx::transaction_base& txn);

// The rows between objects in `names`, as object keys (schema/object_key.hpp),
// sorted and without duplicates; a relation's columns stand for a view.
std::vector<schema::Dependency> name_dependencies(const DependencyRows& rows, const ObjectNames& names);

}  // namespace schemactl::engine
