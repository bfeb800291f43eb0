// A temporary PostgreSQL cluster made with the installed server binaries: listens
// on a Unix socket only, runs as an unprivileged user when schemactl runs as root
// (initdb refuses root), and is removed at exit, on errors and on Ctrl-C.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace schemactl::engine {

struct EmbeddedClusterOptions {
  std::string bindir;  // empty: pg_config --bindir, then PATH, then /usr/lib/postgresql/<newest>/bin
  std::string run_as;  // user to run the server as when we are root; empty: postgres, else nobody
  std::filesystem::path directory;  // empty: a new mkdtemp directory; else made (must not exist)
};

// The directory of initdb/postgres/pg_dump; throws std::runtime_error naming what was tried.
std::filesystem::path find_postgres_bindir(std::string_view configured = {});

class EmbeddedCluster {
 public:
  explicit EmbeddedCluster(const EmbeddedClusterOptions& options = {});
  ~EmbeddedCluster();  // stops the server and removes its directory
  EmbeddedCluster(const EmbeddedCluster&) = delete;
  EmbeddedCluster& operator=(const EmbeddedCluster&) = delete;

  // key=value conninfo for a database on this cluster (superuser, trust auth over the socket).
  std::string conninfo(std::string_view dbname = "postgres") const;
  const std::filesystem::path& directory() const { return directory_; }

  // Leave the server running after this object is gone (test harness); stop it
  // later with stop_detached(directory()).
  void detach();
  static void stop_detached(const std::filesystem::path& directory);
  // The conninfo of a cluster living in `directory` (e.g. a detached one).
  static std::string conninfo_for(const std::filesystem::path& directory, std::string_view dbname);

 private:
  void shutdown() noexcept;  // stops the server if it runs, removes the directory

  std::filesystem::path directory_;  // holds data/ and the socket
  int slot_ = -1;  // entry in the registry that Ctrl-C stops; it holds the server's pid
  bool detached_ = false;
};

}  // namespace schemactl::engine
