// The desired-state cache: building a large schema's statements costs PostgreSQL
// seconds (about 20 s for 40,000 statements), and a change touches a few objects.
//
// The statements are grouped by the objects they define (Statement::creates and
// ::owners, joined when they share one: a table with its indexes, comments, grants and
// partitions). The cache file keeps, per group, a hash of its statements and the
// catalog fragment they built. A later build rebuilds only
//   - the groups whose statements changed, were added, or reference a removed group;
//   - the groups that reference one of those (a foreign key, a view, a column's type),
//     and on through views and functions, whose definitions follow what they read;
// on a scratch database that holds just enough of the unchanged objects they
// reference (tables without their foreign keys, triggers and policies; types,
// functions, sequences and views whole), rendered from their cached fragments.
// Every other group's fragment is taken from the cache. Anything this cannot
// account for (a statement of no single object, unmanaged objects, a changed
// extension, a scratch build that fails) falls back to a full build, which also
// reports a refused statement at its file:line:col.
#pragma once

#include <filesystem>
#include <vector>

#include "engine/introspect.hpp"
#include "engine/scratch.hpp"
#include "schema/catalog.hpp"
#include "schema/source.hpp"

namespace schemactl::engine {

struct DesiredBuild {
  schema::Catalog catalog;
  // How it was built: every statement (no usable cache), or only the groups that
  // changed since the cache was written.
  bool incremental = false;
  std::size_t groups = 0;          // statement groups in the schema
  std::size_t rebuilt_groups = 0;  // of them, built on the scratch database (all when not incremental)
};

// As build_desired_catalog, reading and then rewriting `cache_file` (a missing,
// unreadable or stale file is a full build). The file is only valid for one server
// version, one IntrospectOptions and one schemactl binary; the caller names it
// per project.
DesiredBuild build_desired_catalog_cached(const ScratchServer& server, const std::vector<schema::Statement>& statements,
                                          const IntrospectOptions& options, const std::filesystem::path& cache_file);

}  // namespace schemactl::engine
