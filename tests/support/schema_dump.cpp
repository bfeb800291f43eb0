#include "support/schema_dump.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/embedded_cluster.hpp"

extern char** environ;

namespace schemactl::testing {

std::string dump_schema(const std::string& conninfo) {
  auto pg_dump = (engine::find_postgres_bindir() / "pg_dump").string();
  std::vector<std::string> args = {pg_dump, "--schema-only", "--no-owner", "--no-privileges", "--dbname", conninfo};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, pg_dump.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    throw std::runtime_error("cannot run " + pg_dump);
  }
  std::string dump;
  std::array<char, 65536> buffer;
  for (ssize_t n; (n = read(out[0], buffer.data(), buffer.size())) > 0;) dump.append(buffer.data(), n);
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("pg_dump failed");
  return dump;
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
