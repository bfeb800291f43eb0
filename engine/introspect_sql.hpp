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

// A row's fields by column number, for the loops over 10^5 rows: row[k] copies the
// whole result (two shared pointers) into every field it returns, a tenth of the
// client's time; this moves one field from column to column. Each call returns a
// value, so that two reads in one expression cannot see each other's column.
class RowFields {
 public:
  explicit RowFields(const pqxx::row& row) : field_(row.begin()) {}
  bool is_null(pqxx::row::size_type column) { return at(column).is_null(); }
  const char* c_str(pqxx::row::size_type column) { return at(column).c_str(); }  // lives as long as the result
  std::string text(pqxx::row::size_type column) { return is_null(column) ? "" : c_str(column); }
  template <typename T>
  T as(pqxx::row::size_type column) {
    return at(column).as<T>();
  }

 private:
  const pqxx::field& at(pqxx::row::size_type column) {
    field_ += static_cast<pqxx::row::difference_type>(column) - static_cast<pqxx::row::difference_type>(column_);
    column_ = column;
    return field_;
  }
  pqxx::row::const_iterator field_;
  pqxx::row::size_type column_ = 0;
};

// A field's text, "" when NULL.
std::string text(const pqxx::field& field);

// The elements of a one-dimensional text array without NULLs.
std::vector<std::string> text_array(const pqxx::field& field);

// The elements of a one-dimensional array of integers (int2[], oid[], ...).
std::vector<std::int64_t> integer_array(const char* array);

}  // namespace schemactl::engine::introspect_sql
