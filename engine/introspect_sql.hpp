// Pieces shared by the introspection queries of every kind of object.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine::introspect_sql {

using Txn = pqxx::transaction_base;

// The namespace aliased n is a user schema. PostgreSQL reserves the pg_ prefix for
// its own (pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N); $1 lists the
// excluded schemas.
constexpr std::string_view user_schema =
    "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' "
    "AND n.nspname <> ALL ($1::name[])";

// The object is not a member of an extension: the extension manages it, not schemactl.
std::string not_extension_member(std::string_view catalog, std::string_view oid);

// A field's text, "" when NULL.
std::string text(const pqxx::field& field);

// The elements of a one-dimensional text array without NULLs.
std::vector<std::string> text_array(const pqxx::field& field);

// The elements of a one-dimensional array of integers (int2[], oid[], ...).
std::vector<std::int64_t> integer_array(const pqxx::field& field);

}  // namespace schemactl::engine::introspect_sql
