// The part of a schema a plan between two states can touch, so that the plan can be
// proven on a copy of that part instead of the whole current state (a 10,000-table
// schema costs PostgreSQL about 20 s to build).
//
// Objects are grouped by owner (catalog_owners.hpp); a partition goes with its
// partitioned table, a sequence with the table that owns it. The scope is
//   - every group that differs between the two states, and what depends on one
//     (pg_depend, and the columns, domains, attributes and signatures that name a
//     type, in either state), on through views and functions;
//   - every schema and extension;
//   - the types, functions and sequences those reference, and what they reference;
// and the copy adds stubs (stub_of) of the tables and views they reference, and
// of what those views read.
#pragma once

#include <map>
#include <set>
#include <string>

#include "schema/catalog.hpp"

namespace schemactl::schema {

struct CatalogScope {
  Catalog copy;      // to build: the scope in its current state, and the stubs
  Catalog expected;  // what the copy must read back as once the plan has run
  std::set<std::string> groups;  // the scope's groups
  std::set<std::string> stubs;   // the stubs' groups
  std::map<std::string, std::string> group;  // owner -> group, where they differ
};

CatalogScope scope_between(const Catalog& current, const Catalog& desired);

// A copy as read back after the plan, cut as `expected` is: the scope's groups,
// and the stubs without their pg_depend rows (anything else the plan added to a
// stub shows as a difference). Throws std::runtime_error when the copy
// holds objects schemactl does not manage.
Catalog read_back_in_scope(const Catalog& copy, const CatalogScope& scope);

}  // namespace schemactl::schema
