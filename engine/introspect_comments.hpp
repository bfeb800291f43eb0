// Internal to introspection: reading comments, in one query, within introspect()'s
// snapshot.
#pragma once

#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// A comment as read, with the object its row names: the commented object, or the
// relation or domain of a member.
struct ReadComment {
  schema::ObjectComment comment;
  schema::QualifiedName object;
};

// The comments on objects of the user schemas, whether managed or not, sorted by
// target. `excluded` is the array literal of the excluded schemas.
std::vector<ReadComment> read_comments(pqxx::transaction_base& txn, const std::string& excluded);

// The `comments` on objects `catalog` holds: those on unmanaged objects, or an
// extension's, are left out.
std::vector<schema::ObjectComment> managed_comments(const std::vector<ReadComment>& comments,
                                                    const schema::Catalog& catalog);

}  // namespace schemactl::engine
