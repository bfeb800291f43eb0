// Reading a database's schema into the catalog model. Every expression and
// definition comes from PostgreSQL's own deparsers, read with an empty search_path
// so that every name outside pg_catalog is schema-qualified: the text is the same
// whatever the connection's settings, and runnable in any database.
#pragma once

#include <string>
#include <vector>

#include <pqxx/connection>

#include "schema/catalog.hpp"

namespace schemactl::engine {

struct IntrospectOptions {
  // Schemas left out entirely; schemactl keeps its own tracking tables in "schemactl".
  std::vector<std::string> excluded_schemas{"schemactl"};
  // From this many tables on, introspect(conninfo) opens a second session in the
  // same snapshot to read half the catalog at the same time (the server's deparsers
  // are the cost). Below it, the extra connection costs more than it saves.
  std::size_t second_session_from_tables = 500;
  // Table and column privileges (Catalog::privileges): read only when the
  // configuration manages them, else left empty, as if none were granted.
  bool privileges = false;
};

// One consistent, read-only snapshot of the user schemas: system schemas, the
// excluded ones and everything an extension owns are left out; objects schemactl
// does not model are listed in Catalog::unmanaged, and the dependencies between
// the ones it does (pg_depend) in Catalog::dependencies. Runs one query per kind
// of object, whatever the number of tables.
schema::Catalog introspect(pqxx::connection& conn, const IntrospectOptions& options = {});

// The same, connecting to `conninfo`; on a large schema a second session in the
// same snapshot reads half of the catalog meanwhile.
schema::Catalog introspect(const std::string& conninfo, const IntrospectOptions& options = {});

}  // namespace schemactl::engine
