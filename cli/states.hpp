// The two sides of a plan or diff: a live database, or schema files built on a
// scratch database. Both come back as catalogs read from a real server.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/config.hpp"
#include "engine/introspect.hpp"
#include "engine/scratch.hpp"
#include "schema/catalog.hpp"
#include "schema/renames.hpp"
#include "schema/source.hpp"

namespace schemactl::cli {

// True for "postgres://...", "postgresql://..." and key=value conninfo strings.
bool is_database_url(const std::string& arg);

// What introspection reads under the configuration: privileges only with
// manage_privileges (or --privileges).
engine::IntrospectOptions introspect_options(const Config& config);

schema::Catalog read_database(const std::string& conninfo, const Config& config);

// Loads, checks and orders the schema files, builds them on the scratch server and
// reads them back: load_schema_files, then build_schema_statements.
schema::Catalog read_schema_files(const std::vector<std::string>& patterns,
                                  const engine::ScratchServer& scratch, const Config& config);

// The schema files' statements, checked and ordered; needs no database.
std::vector<schema::Statement> load_schema_files(const std::vector<std::string>& patterns, const Config& config);

// The statements built on the scratch server and read back.
schema::Catalog build_schema_statements(const std::vector<schema::Statement>& statements,
                                        const engine::ScratchServer& scratch, const Config& config);

// The renamed-from annotations of the schema files.
schema::Renames read_schema_renames(const std::vector<std::string>& patterns);

// The scratch server the settings name (--dev-url / dev_url, "embedded" by default).
engine::ScratchServer open_scratch(const std::optional<std::string>& dev_url, const Config& config);

// --schema flags if any, else the config's schema entries (relative to its folder).
std::vector<std::string> schema_patterns(const std::vector<std::string>& flags, const Config& config);

}  // namespace schemactl::cli
