// The desired state: schema files' statements run on a scratch database and read
// back, so both sides of a diff are in PostgreSQL's canonical form.
#pragma once

#include <vector>

#include <pqxx/connection>

#include "engine/introspect.hpp"
#include "engine/scratch.hpp"
#include "schema/catalog.hpp"
#include "schema/source.hpp"

namespace schemactl::engine {

// Runs the statements in order: consecutive ones that can run in a transaction in
// batches, one transaction each; the others (CREATE INDEX CONCURRENTLY, ALTER TYPE
// ... ADD VALUE) on their own. A statement the server refuses is a
// schema::SchemaError at its file:line:col with the server's message.
void run_statements(pqxx::connection& conn, const std::vector<schema::Statement>& statements);

// The canonical script of `catalog` (schema::render_statements) as statements, located
// at their lines in `schemactl inspect`'s output, named `file` in errors. Run by
// run_statements, a few hundred to a transaction: as one, a copy of a
// 10,000-table schema runs out of lock table.
std::vector<schema::Statement> canonical_statements(const schema::Catalog& catalog, const std::string& file);

// Builds the statements in a temporary database on `server` and introspects it.
// The roles they grant to or apply policies to are created first when `server` is
// an embedded cluster (ScratchServer::ensure_roles).
schema::Catalog build_desired_catalog(const ScratchServer& server,
                                      const std::vector<schema::Statement>& statements,
                                      const IntrospectOptions& options = {});

}  // namespace schemactl::engine
