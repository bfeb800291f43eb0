#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <pqxx/nontransaction>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/connection.hpp"
#include "engine/embedded_cluster.hpp"
#include "engine/scratch.hpp"
#include "support/test_server.hpp"

using namespace schemactl::engine;
namespace fs = std::filesystem;

namespace {

std::string query_one(const std::string& conninfo, const std::string& sql) {
  auto connection = connect(conninfo);
  pqxx::nontransaction work(*connection);
  return work.exec(sql).at(0).at(0).as<std::string>();
}

pid_t postmaster_pid(const fs::path& directory) {
  std::ifstream in(directory / "data" / "postmaster.pid");
  pid_t pid = 0;
  in >> pid;
  return pid;
}

uid_t owner_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_uid;
}

bool database_exists(const std::string& name) {
  return query_one(schemactl::testing::test_server().conninfo(),
                   "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == "1";
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0; }

}  // namespace

TEST_CASE("find_postgres_bindir finds initdb and postgres", "[cluster]") {
  const fs::path bindir = find_postgres_bindir();
  CHECK(fs::exists(bindir / "initdb"));
  CHECK(fs::exists(bindir / "postgres"));
  CHECK(find_postgres_bindir(bindir.string()) == bindir);
  CHECK_THROWS_WITH(find_postgres_bindir("/nonexistent"), Catch::Contains("/nonexistent"));
}

TEST_CASE("an embedded cluster listens on its socket only, not as root, and is removed", "[cluster]") {
  fs::path directory;
  pid_t postmaster = 0;
  {
    EmbeddedCluster cluster;
    directory = cluster.directory();
    postmaster = postmaster_pid(directory);
    REQUIRE(postmaster > 0);
    CHECK(fs::exists(directory / ".s.PGSQL.5432"));
    CHECK(query_one(cluster.conninfo(), "SHOW listen_addresses").empty());
    CHECK(query_one(cluster.conninfo("template1"), "SELECT current_database()") == "template1");
    if (::geteuid() == 0) {
      CHECK(owner_of(query_one(cluster.conninfo(), "SELECT current_setting('data_directory')")) != 0);
      CHECK(owner_of("/proc/" + std::to_string(postmaster)) != 0);
    }
  }
  CHECK_FALSE(fs::exists(directory));
  CHECK_FALSE(process_exists(postmaster));
}

TEST_CASE("a detached cluster survives its object until stop_detached", "[cluster]") {
  const fs::path parent = fs::temp_directory_path() / ("schemactl-test-" + std::to_string(::getpid()));
  const fs::path directory = parent / "cluster";
  fs::create_directories(directory / "stray");
  CHECK_THROWS_WITH(EmbeddedCluster(EmbeddedClusterOptions{.directory = directory}),
                    Catch::Contains("not an empty directory"));
  CHECK_THROWS_WITH(EmbeddedCluster::stop_detached(directory), Catch::Contains("not removing"));
  CHECK(fs::exists(directory / "stray"));
  fs::remove(directory / "stray");

  {
    EmbeddedCluster cluster(EmbeddedClusterOptions{.directory = directory});
    CHECK(cluster.directory() == directory);
    cluster.detach();
  }
  const pid_t postmaster = postmaster_pid(directory);
  CHECK(query_one(EmbeddedCluster::conninfo_for(directory, "postgres"), "SELECT 1") == "1");

  EmbeddedCluster::stop_detached(directory);
  CHECK_FALSE(fs::exists(directory));
  CHECK_FALSE(process_exists(postmaster));
  CHECK_NOTHROW(EmbeddedCluster::stop_detached(directory));  // already gone: nothing to do
  fs::remove_all(parent);
}

TEST_CASE("Ctrl-C stops the server, removes the cluster and still kills the process", "[cluster]") {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child is not a test: quiet, default Ctrl-C (not Catch's), never returns.
    const int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, STDOUT_FILENO);
    ::dup2(null_fd, STDERR_FILENO);
    ::signal(SIGINT, SIG_DFL);
    try {
      EmbeddedCluster cluster;
      const std::string line = cluster.directory().string() + "\n";
      if (::write(pipe_fds[1], line.data(), line.size()) < 0) ::_exit(2);
      for (;;) ::pause();
    } catch (...) {
      ::_exit(1);
    }
  }
  ::close(pipe_fds[1]);
  std::string directory;
  char c;
  while (::read(pipe_fds[0], &c, 1) == 1 && c != '\n') directory += c;
  ::close(pipe_fds[0]);
  REQUIRE_FALSE(directory.empty());
  const pid_t postmaster = postmaster_pid(directory);
  REQUIRE(postmaster > 0);

  ::kill(child, SIGINT);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK_FALSE(fs::exists(directory));
  CHECK_FALSE(process_exists(postmaster));
}

TEST_CASE("a temporary database exists while its object lives", "[cluster]") {
  std::string name;
  {
    TemporaryDatabase database(schemactl::testing::test_server(), "Desired-Schema");
    name = database.name();
    CHECK(name.rfind("schemactl_tmp_desired_schema_", 0) == 0);
    CHECK(name.size() == std::string("schemactl_tmp_desired_schema_").size() + 8);
    CHECK(database_exists(name));
    CHECK(query_one(database.conninfo(), "SELECT current_database()") == name);
  }
  CHECK_FALSE(database_exists(name));
}

TEST_CASE("a scratch server given by URL must accept connections", "[cluster]") {
  CHECK_THROWS_AS(ScratchServer::open("host=/nonexistent/schemactl port=5432 password=hunter2"), ConnectionError);
}
