// Reading SQL expressions with libpg_query.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemactl::schema {

// Unqualified names of the functions an expression calls, sorted and unique:
// "nextval('s'::regclass)" gives {"nextval"}. Empty if it does not parse.
std::vector<std::string> function_names_in_expression(std::string_view expression);

}  // namespace schemactl::schema
