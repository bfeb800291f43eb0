// Reading SQL expressions with libpg_query.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// Unqualified names of the functions an expression calls, sorted and unique:
// "nextval('s'::regclass)" gives {"nextval"}. Empty if it does not parse.
std::vector<std::string> function_names_in_expression(std::string_view expression);

// The index a CREATE INDEX CONCURRENTLY statement builds, qualified with its table's
// schema ("public" when unqualified); nullopt for any other statement.
std::optional<QualifiedName> index_built_concurrently(std::string_view sql);

// Every table a statement names (unqualified ones in "public"), sorted and unique.
std::vector<QualifiedName> tables_named_in(std::string_view sql);

}  // namespace schemactl::schema
