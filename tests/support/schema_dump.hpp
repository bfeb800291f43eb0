// pg_dump --schema-only as the independent judge of convergence: two databases
// whose normalized dumps are equal have the same schema, column order aside.
#pragma once

#include <string>

namespace schemactl::testing {

// pg_dump --schema-only of the database at `conninfo` (run without a shell).
std::string dump_schema(const std::string& conninfo);

// Drops comments, blank lines and pg_dump's random \restrict keys, and sorts the
// column lines of each CREATE TABLE, since ADD COLUMN appends where the target may
// declare a column in the middle.
std::string normalize_dump(const std::string& dump);

}  // namespace schemactl::testing
