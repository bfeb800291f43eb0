#include "support/process.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace schemactl::testing {
namespace {

// Output goes to temporary files, not pipes: no deadlock however much is printed.
struct CaptureFile {
  std::string path;
  int fd;
  CaptureFile() {
    char name[] = "/tmp/schemactl-test-output-XXXXXX";
    fd = mkstemp(name);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    path = name;
  }
  ~CaptureFile() {
    close(fd);
    std::remove(path.c_str());
  }
  std::string contents() const {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string item(*entry);
    auto name = item.substr(0, item.find('='));
    if (!overrides.contains(name)) merged.push_back(item);
  }
  for (const auto& [name, value] : overrides) {
    if (!value.empty()) merged.push_back(name + "=" + value);
  }
  return merged;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> result;
  for (auto& s : strings) result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& environment) {
  CaptureFile out, err;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  auto args = argv;
  auto env = merged_environment(environment);
  auto arg_pointers = pointers(args);
  auto env_pointers = pointers(env);
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, args[0].c_str(), &actions, nullptr, arg_pointers.data(), env_pointers.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot run " + args[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = out.contents();
  result.err = err.contents();
  return result;
}

ProcessResult run_schemactl(const std::vector<std::string>& args, const std::map<std::string, std::string>& environment) {
  std::vector<std::string> argv = {SCHEMACTL_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, environment);
}

}  // namespace schemactl::testing
