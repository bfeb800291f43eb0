#include "support/schema_dump.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engine/embedded_cluster.hpp"
#include "support/process.hpp"

namespace schemactl::testing {

std::string dump_schema(const std::string& conninfo) {
  auto pg_dump = (engine::find_postgres_bindir() / "pg_dump").string();
  auto result = run_process({pg_dump, "--schema-only", "--no-owner", "--no-privileges", "--dbname", conninfo});
  if (result.exit_code != 0) throw std::runtime_error("pg_dump failed: " + result.err);
  return result.out;
}

std::string normalize_dump(const std::string& dump) {
  std::istringstream in(dump);
  std::string out;
  std::vector<std::string> columns;
  bool in_table = false;
  for (std::string line; std::getline(in, line);) {
    // pg_dump 15.14+ brackets its output with \restrict KEY / \unrestrict KEY, a new key each run.
    if (line.empty() || line.starts_with("--") || line.starts_with("\\restrict ") ||
        line.starts_with("\\unrestrict ")) {
      continue;
    }
    if (in_table && line.starts_with(")")) {
      std::sort(columns.begin(), columns.end());
      for (const auto& column : columns) out += column + "\n";
      columns.clear();
      in_table = false;
    } else if (in_table) {
      if (line.ends_with(",")) line.pop_back();
      columns.push_back(line);
      continue;
    }
    if (line.starts_with("CREATE TABLE ") && line.ends_with("(")) in_table = true;
    out += line + "\n";
  }
  return out;
}

}  // namespace schemactl::testing
