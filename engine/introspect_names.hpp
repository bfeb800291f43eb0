// The managed objects by oid, as the first session's queries read them, for what
// the other queries return as bare oids and numbers: pg_depend's rows and the
// index keys are named on the client, not joined in SQL.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <pqxx/pqxx>

#include "schema/catalog.hpp"

namespace schemactl::engine {

// A column of a table, partition or view, as an index key needs it.
struct ColumnFacts {
  std::string name;
  pqxx::oid type = 0;
  pqxx::oid collation = 0;
};

struct ObjectNames {
  std::unordered_map<pqxx::oid, schema::QualifiedName> tables;  // partitions too
  std::unordered_map<pqxx::oid, schema::QualifiedName> views;   // materialized too
  std::unordered_map<pqxx::oid, std::string> functions;         // their keys (schema::function_key)
  // Indexes with a column of operator-class options (pg_attribute.attoptions).
  std::unordered_set<pqxx::oid> indexes_with_options;

  // The table's or view's name, or nullptr when it was not read.
  const schema::QualifiedName* relation(pqxx::oid oid) const;

  void add_column(pqxx::oid relation, std::int32_t number, ColumnFacts column);
  // The column, or nullptr when it was not read.
  const ColumnFacts* column(pqxx::oid relation, std::int32_t number) const;

 private:
  // By relation, then at number - 1: a relation's columns lie together, where one
  // map of (relation, number) missed the cache on most of 200,000 lookups.
  std::unordered_map<pqxx::oid, std::vector<ColumnFacts>> columns_;
};

}  // namespace schemactl::engine
