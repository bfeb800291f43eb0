// Comments (COMMENT ON): how each kind of object is named as a comment's target,
// the targets a catalog holds, and the statement that sets or removes a comment.
#pragma once

#include <set>
#include <string>
#include <vector>
#include <string_view>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// The object as COMMENT ON names it, quoted. `kind` is COMMENT ON's word for it
// (TABLE, COLUMN, CONSTRAINT, DOMAIN CONSTRAINT, FUNCTION, ...); `name` the object,
// or for COLUMN, CONSTRAINT, TRIGGER and POLICY the relation, and for DOMAIN
// CONSTRAINT the domain, that `member` belongs to; an unqualified object (SCHEMA,
// EXTENSION) has no schema in `name`; `arguments` are a routine's identity arguments.
std::string comment_target(std::string_view kind, const QualifiedName& name, std::string_view member = {},
                           std::string_view arguments = {});

std::string view_comment_target(const View& view);
std::string function_comment_target(const Function& function);

// An index's target, and those of its partitions' indexes attached to it.
std::vector<std::string> index_comment_targets(const QualifiedName& relation, const Index& index);

// Whether the constraint has an index of its own (PRIMARY KEY, UNIQUE, EXCLUDE),
// and that index's target: it is named as the constraint is.
bool has_index(const Constraint& constraint);
std::string constraint_index_comment_target(const QualifiedName& table, const Constraint& constraint);

// Every object of the catalog that may carry a comment. With `named`, a table's or
// view's parts (columns, indexes, constraints) only when the relation or one of
// its indexes is in it: a comment on a part is read with that name, and making the
// targets of every part of 10,000 tables takes a tenth of a second.
std::set<std::string> comment_targets(const Catalog& catalog, const std::set<QualifiedName>* named = nullptr);

// COMMENT ON target IS 'text', or IS NULL when `text` is empty (PostgreSQL stores
// an empty comment as none).
std::string comment_sql(std::string_view target, std::string_view text);

}  // namespace schemactl::schema
