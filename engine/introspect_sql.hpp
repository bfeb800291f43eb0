// Internal to introspection: the SQL pieces and field readers every query shares.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <pqxx/pqxx>

namespace schemactl::engine::introspection {

using Txn = pqxx::transaction_base;

// The namespace aliased n is a user schema. PostgreSQL reserves the pg_ prefix for
// its own (pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N); $1 lists the
// excluded schemas.
constexpr std::string_view user_schema =
    "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' "
    "AND n.nspname <> ALL ($1::name[])";

// The object is not a member of an extension: the extension manages it, not schemactl.
inline std::string not_extension_member(std::string_view catalog, std::string_view oid) {
  return fmt::format(
      "NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = '{}'::regclass "
      "AND x.objid = {} AND x.deptype = 'e')",
      catalog, oid);
}

inline std::string text(const pqxx::field& field) { return field.is_null() ? "" : field.as<std::string>(); }

// The elements of a one-dimensional text array without NULLs.
inline std::vector<std::string> text_array(const pqxx::field& field) {
  std::vector<std::string> values;
  auto parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next())
    if (item.first == pqxx::array_parser::string_value) values.push_back(std::move(item.second));
  return values;
}

}  // namespace schemactl::engine::introspection
