// Internal to introspection: reading comments, in one query, within introspect()'s
// snapshot.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// The comments on the objects of `catalog` (read before), sorted by target;
// comments on objects it does not hold (unmanaged, or an extension's) are left
// out. `excluded` is the array literal of the excluded schemas.
std::vector<schema::ObjectComment> read_comments(pqxx::transaction_base& txn, const std::string& excluded,
                                           const schema::Catalog& catalog);

}  // namespace schemactl::engine
