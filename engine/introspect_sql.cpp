#include "engine/introspect_sql.hpp"

#include <cstdlib>
#include <cstring>

#include <fmt/core.h>
#include <pqxx/pqxx>

namespace schemactl::engine::introspect_sql {

// A membership always references its extension: naming pg_extension lets the
// planner find the few memberships by pg_depend's index on the referenced object,
// instead of scanning all of pg_depend (230,000 rows on 10,000 tables) per query.
std::string not_extension_member(std::string_view catalog, std::string_view oid) {
  return fmt::format(
      "NOT EXISTS (SELECT FROM pg_depend x WHERE x.classid = '{}'::regclass "
      "AND x.objid = {} AND x.refclassid = 'pg_extension'::regclass AND x.deptype = 'e')",
      catalog, oid);
}

std::string text(const pqxx::field& field) { return field.is_null() ? "" : field.as<std::string>(); }

std::vector<std::string> text_array(const pqxx::field& field) {
  std::vector<std::string> values;
  if (std::strcmp(field.c_str(), "{}") == 0) return values;  // most rows: no options, no names
  auto parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done; item = parser.get_next())
    if (item.first == pqxx::array_parser::string_value) values.push_back(std::move(item.second));
  return values;
}

std::vector<std::int64_t> integer_array(const char* array) {
  std::vector<std::int64_t> values;
  const char* at = array;
  // int2vector and oidvector cast to arrays keep their lower bound: "[0:1]={1,2}".
  if (const char* brace = std::strchr(at, '{')) at = brace + 1;
  while (*at && *at != '}') {
    char* end = nullptr;
    std::int64_t value = std::strtoll(at, &end, 10);
    if (end == at) break;
    values.push_back(value);
    at = *end == ',' ? end + 1 : end;
  }
  return values;
}

}  // namespace schemactl::engine::introspect_sql
