// Migration files: a plan saved as SQL that a reviewer reads in the pull request and
// psql could run in an emergency. Structure lives in comments, so the file is plain
// SQL; the same plan always gives the same bytes.
//
//   -- schemactl migration 20261122T033000Z add_public_id      (" down" for a down file)
//   -- from: sha256:5e1c...
//   -- to: sha256:a93f...
//   -- hazards: DELETES_DATA                                    (or "none")
//   --   DELETES_DATA: drops data that cannot be recovered from the database
//   -- summary:                                                 (or "summary: none")
//   --   + column public.orders.public_id uuid ...
//   -- warning: ...                                             (one per warning)
//
//   -- step 1 · expand · tx · lock_timeout=2s statement_timeout=30s   (planner::step_header)
//   -- object: public.orders.public_id
//   -- why: added nullable without its volatile default, which would rewrite the table
//   -- backfill: table=public.orders column=public_id value=DEFAULT keys=id   (backfills only;
//   --                                                      keys=ctid: pages by ctid ranges)
//   -- preflight: NULLs in public.orders.public_id (before SET NOT NULL)    (one per check,
//   --   SELECT * FROM public.orders WHERE public_id IS NULL                its query below)
//   SET lock_timeout = '2s';
//   SET statement_timeout = '30s';
//   ALTER TABLE public.orders ADD COLUMN public_id uuid;
//
// The SET lines give psql the step's timeouts; they must match the step header.
// A down file that cannot be written has no steps and, after the hazards, says why:
//   -- irreversible:
//   --   the column public.customers.legacy_notes was dropped with its data
//
// A hand-written migration (any SQL file without the first line above, named
// <version>_<name>.sql) runs one step per statement. schemactl manages transactions,
// so BEGIN, COMMIT and other transaction control are refused there: consecutive
// statements share one transaction, and statements PostgreSQL refuses inside one
// (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE, VACUUM, ...) run outside any.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/step.hpp"
#include "planner/plan.hpp"

namespace schemactl::planner {

// An up migration moves the schema forward; its down file undoes it.
enum class Direction { up, down };

struct MigrationHeader {
  std::string version;  // UTC timestamp, "20261122T033000Z"
  std::string name;     // [a-z0-9_]+, see sanitize_migration_name
  std::string from;     // schema fingerprints, "sha256:..."
  std::string to;
};

// One step as read back: what the executor runs, plus what `apply` checks and shows.
struct ReadStep {
  engine::Step step;
  std::string phase;                 // "expand" or "contract"; empty in a hand-written file
  std::vector<std::string> hazards;  // names, "DELETES_DATA"
  std::string object;                // empty in a hand-written file
  int line = 0;                      // of the step header, or of a hand-written statement
};

struct Migration {
  std::string file;  // as given to read_migration
  MigrationHeader header;  // from and to are empty for a hand-written file
  Direction direction = Direction::up;
  bool generated = false;                // false for a hand-written file
  std::vector<std::string> irreversible;  // a down file that must not run: why
  std::vector<ReadStep> steps;
  std::string text;  // the file's bytes, for checksums
};

// The up file of a plan.
std::string write_migration(const MigrationHeader& header, const Plan& plan);

// The down file: `down` plans from up.to back to up.from.
std::string write_down_migration(const MigrationHeader& up, const Plan& down);

// The down file of a migration that cannot be undone: no statements, only why.
std::string write_irreversible_down(const MigrationHeader& up, const std::vector<std::string>& reasons);

// Reads a generated or hand-written migration; `file_name` (a path is fine) gives a
// hand-written file its version and name, and must agree with a generated file's
// header. Throws std::runtime_error "file:line: message" on a malformed file.
Migration read_migration(const std::string& file_name, std::string_view text);

}  // namespace schemactl::planner
