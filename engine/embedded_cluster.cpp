#include "engine/embedded_cluster.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "engine/connection.hpp"

extern char** environ;

namespace schemactl::engine {
namespace fs = std::filesystem;
namespace {

constexpr const char* superuser = "schemactl";
constexpr int stop_timeout_ms = 10'000;

// ---------------------------------------------------------------------------
// Finding the server programs

bool is_executable(const fs::path& file) {
  std::error_code ec;
  return fs::is_regular_file(file, ec) && ::access(file.c_str(), X_OK) == 0;
}

bool holds_server(const fs::path& dir) {
  return is_executable(dir / "initdb") && is_executable(dir / "postgres");
}

// What `pg_config --bindir` prints, run without a shell; nullopt when pg_config
// is missing or fails.
std::optional<fs::path> pg_config_bindir() {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return std::nullopt;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  char* argv[] = {const_cast<char*>("pg_config"), const_cast<char*>("--bindir"), nullptr};
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, "pg_config", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);

  std::string out;
  if (spawned == 0) {
    char buffer[512];
    for (;;) {
      const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
      if (n > 0) {
        out.append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
  }
  ::close(pipe_fds[0]);
  if (spawned != 0) return std::nullopt;

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || out.empty()) return std::nullopt;
  return fs::path(out);
}

// The directory of the real initdb found on PATH (symlinks followed, as
// postgres must sit beside it).
std::optional<fs::path> initdb_on_path() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string_view rest = path;
  while (!rest.empty()) {
    const auto colon = rest.find(':');
    const std::string_view entry = rest.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    if (entry.empty()) continue;
    const fs::path initdb = fs::path(entry) / "initdb";
    if (!is_executable(initdb)) continue;
    std::error_code ec;
    const fs::path real = fs::canonical(initdb, ec);
    if (!ec && holds_server(real.parent_path())) return real.parent_path();
  }
  return std::nullopt;
}

// Debian's layout: /usr/lib/postgresql/<major>/bin; the newest major wins.
std::optional<fs::path> newest_debian_bindir() {
  std::optional<fs::path> best;
  std::pair<int, int> best_version{-1, -1};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    std::pair<int, int> version{-1, 0};
    if (std::sscanf(entry.path().filename().c_str(), "%d.%d", &version.first, &version.second) < 1) continue;
    if (version > best_version && holds_server(entry.path() / "bin")) {
      best = entry.path() / "bin";
      best_version = version;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------
// The unprivileged user the server runs as when we are root

struct ServerUser {
  std::string name;
  uid_t uid;
  gid_t gid;
  std::vector<gid_t> groups;  // resolved here: initgroups() is not safe between fork and exec
};

std::optional<ServerUser> lookup_user(const std::string& name) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  ServerUser user{name, entry.pw_uid, entry.pw_gid, {}};
  int count = 16;
  for (;;) {
    user.groups.resize(static_cast<size_t>(count));
    int wanted = count;
    if (::getgrouplist(name.c_str(), user.gid, user.groups.data(), &wanted) >= 0) {
      user.groups.resize(static_cast<size_t>(wanted));
      return user;
    }
    count = wanted > count ? wanted : count * 2;
  }
}

// nullopt when we are not root: the server then runs as us.
std::optional<ServerUser> server_user(const std::string& run_as) {
  if (::geteuid() != 0) return std::nullopt;
  std::optional<ServerUser> user;
  if (!run_as.empty()) {
    user = lookup_user(run_as);
    if (!user) throw std::runtime_error("cannot run PostgreSQL as " + run_as + ": no such user");
  } else {
    user = lookup_user("postgres");
    if (!user) user = lookup_user("nobody");
    if (!user) {
      throw std::runtime_error(
          "PostgreSQL refuses to run as root, and neither user postgres nor nobody exists; "
          "name an unprivileged user to run it as");
    }
  }
  if (user->uid == 0) throw std::runtime_error("cannot run PostgreSQL as " + user->name + ": it refuses root");
  return user;
}

// ---------------------------------------------------------------------------
// The registry of live clusters, read by the signal handler. Fixed slots of
// atomics and char arrays: a handler may not allocate or take locks.

struct Slot {
  std::atomic<bool> claimed{false};
  std::atomic<pid_t> owner{0};   // the process that made the cluster; 0 while being filled
  std::atomic<pid_t> child{-1};  // initdb or the postmaster; whoever exchanges it for -1 stops it
  char directory[PATH_MAX] = {};
};
std::array<Slot, 16> slots;

constexpr std::array<int, 3> handled_signals = {SIGINT, SIGTERM, SIGHUP};
std::array<struct sigaction, handled_signals.size()> previous_actions;

// Blocks the handled signals in this thread, so that the handler never sees a
// pid that was just reaped (and could be reused) or a half-made entry.
class SignalBlock {
 public:
  SignalBlock() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : handled_signals) sigaddset(&set, sig);
    ::pthread_sigmask(SIG_BLOCK, &set, &old_);
  }
  ~SignalBlock() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t old_;
};

long long monotonic_ms() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  return now.tv_sec * 1000LL + now.tv_nsec / 1'000'000;
}

void sleep_ms(long ms) {
  timespec pause{ms / 1000, (ms % 1000) * 1'000'000};
  ::nanosleep(&pause, nullptr);
}

// Async-signal-safe. SIGINT (the postmaster's fast shutdown, initdb's clean exit),
// then SIGKILL after `timeout_ms`; reaps the child.
void stop_child(pid_t pid, int timeout_ms) {
  ::kill(pid, SIGINT);
  const long long deadline = monotonic_ms() + timeout_ms;
  for (;;) {
    const pid_t reaped = ::waitpid(pid, nullptr, WNOHANG);
    if (reaped == pid || (reaped < 0 && errno != EINTR)) return;
    if (monotonic_ms() >= deadline) break;
    sleep_ms(10);
  }
  ::kill(pid, SIGKILL);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
}

bool is_dot_or_dotdot(const char* name) {
  return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

// Async-signal-safe remove_all: removes `name` under `dirfd` and all below it.
bool remove_tree_at(int dirfd, const char* name) {
  if (::unlinkat(dirfd, name, 0) == 0 || errno == ENOENT) return true;
  const int fd = ::openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  alignas(dirent64) char buffer[4096];
  // Reading a directory while removing from it may skip entries: read it again
  // from the start until a pass removes nothing.
  for (bool removed = true; removed;) {
    removed = false;
    ::lseek(fd, 0, SEEK_SET);
    ssize_t n;
    while ((n = ::getdents64(fd, buffer, sizeof buffer)) > 0) {
      for (ssize_t offset = 0; offset < n;) {
        const auto* entry = reinterpret_cast<const dirent64*>(buffer + offset);
        offset += entry->d_reclen;
        if (!is_dot_or_dotdot(entry->d_name) && remove_tree_at(fd, entry->d_name)) removed = true;
      }
    }
  }
  ::close(fd);
  return ::unlinkat(dirfd, name, AT_REMOVEDIR) == 0;
}

// Async-signal-safe: stops and removes every cluster this process made.
void stop_registered_clusters() {
  const pid_t self = ::getpid();
  std::array<pid_t, slots.size()> children{};
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].owner.load() != self) continue;
    children[i] = slots[i].child.exchange(-1);
    if (children[i] > 0) ::kill(children[i], SIGINT);  // all at once, then wait for each
  }
  for (size_t i = 0; i < slots.size(); ++i) {
    if (children[i] > 0) stop_child(children[i], stop_timeout_ms);
    if (slots[i].owner.load() == self) remove_tree_at(AT_FDCWD, slots[i].directory);
  }
}

// Set while the handler hands a signal on: a handler installed after ours that
// hands it back to ours must not make the two call each other for ever.
volatile std::sig_atomic_t handing_on = 0;

extern "C" void on_terminating_signal(int sig) {
  const int saved_errno = errno;
  if (handing_on) {
    struct sigaction default_action{};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(sig, &default_action, nullptr);
    ::raise(sig);
    errno = saved_errno;
    return;
  }
  handing_on = 1;
  stop_registered_clusters();
  // Hand the signal on to whatever was there before us (by default: terminate,
  // so the exit status tells the signal). It is delivered once we return.
  for (size_t i = 0; i < handled_signals.size(); ++i) {
    if (handled_signals[i] == sig) ::sigaction(sig, &previous_actions[i], nullptr);
  }
  ::raise(sig);
  errno = saved_errno;
}

// Idempotent rather than once: a test framework may restore its own handlers
// between tests. Signals that were ignored (nohup) stay ignored.
void install_signal_handlers() {
  for (size_t i = 0; i < handled_signals.size(); ++i) {
    struct sigaction current{};
    ::sigaction(handled_signals[i], nullptr, &current);
    if (current.sa_handler == on_terminating_signal || current.sa_handler == SIG_IGN) continue;
    previous_actions[i] = current;
    handing_on = 0;
    struct sigaction ours{};
    ours.sa_handler = on_terminating_signal;
    sigemptyset(&ours.sa_mask);
    for (int sig : handled_signals) sigaddset(&ours.sa_mask, sig);
    ::sigaction(handled_signals[i], &ours, nullptr);
  }
}

int claim_slot(const fs::path& directory) {
  const std::string& path = directory.native();
  if (path.size() >= PATH_MAX) throw std::runtime_error("cluster directory path too long: " + path);
  SignalBlock block;
  install_signal_handlers();
  for (size_t i = 0; i < slots.size(); ++i) {
    bool expected = false;
    if (!slots[i].claimed.compare_exchange_strong(expected, true)) continue;
    path.copy(slots[i].directory, path.size());
    slots[i].directory[path.size()] = '\0';
    slots[i].child.store(-1);
    slots[i].owner.store(::getpid());
    return static_cast<int>(i);
  }
  throw std::runtime_error("too many embedded PostgreSQL clusters at once (at most " +
                           std::to_string(slots.size()) + ")");
}

void release_slot(int slot) {
  slots[slot].owner.store(0);
  slots[slot].child.store(-1);
  slots[slot].claimed.store(false);
}

// ---------------------------------------------------------------------------
// Child processes

// In the child, into its log.
template <size_t N>
[[noreturn]] void child_fails(const char (&message)[N]) {
  [[maybe_unused]] auto written = ::write(STDERR_FILENO, message, N - 1);
  ::_exit(127);
}

// Between fork and exec only async-signal-safe calls: the parent may have threads.
[[noreturn]] void exec_child(char* const* argv, const char* cwd, int null_fd, int log_fd,
                             const ServerUser* user) {
  // A session of its own: a terminal's Ctrl-C reaches schemactl, which stops it in order.
  ::setsid();
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);  // exec keeps the mask; SignalBlock's must not leak
  if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(log_fd, STDOUT_FILENO) < 0 ||
      ::dup2(log_fd, STDERR_FILENO) < 0) {
    ::_exit(127);
  }
  ::close_range(3, ~0U, 0);  // a detached server must not hold its starter's pipes open
  if (user != nullptr &&
      (::setgroups(user->groups.size(), user->groups.data()) != 0 || ::setgid(user->gid) != 0 ||
       ::setuid(user->uid) != 0)) {
    child_fails("schemactl: cannot switch to the server's user\n");
  }
  if (::chdir(cwd) != 0) {
    child_fails("schemactl: cannot enter the cluster directory\n");
  }
  ::execv(argv[0], argv);
  child_fails("schemactl: cannot execute the PostgreSQL program\n");
}

// Starts `args` (no shell) with output to `log` and records the pid in `slot`.
pid_t spawn(const std::vector<std::string>& args, const fs::path& cwd, const fs::path& log,
            const std::optional<ServerUser>& user, int slot) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (null_fd < 0 || log_fd < 0) {
    const int error = errno;
    if (null_fd >= 0) ::close(null_fd);
    if (log_fd >= 0) ::close(log_fd);
    throw std::system_error(error, std::generic_category(), "cannot open " + log.string());
  }
  SignalBlock block;
  const pid_t pid = ::fork();
  if (pid == 0) exec_child(argv.data(), cwd.c_str(), null_fd, log_fd, user ? &*user : nullptr);
  const int fork_error = errno;
  ::close(null_fd);
  ::close(log_fd);
  if (pid < 0) throw std::system_error(fork_error, std::generic_category(), "cannot start " + args[0]);
  slots[slot].child.store(pid);
  return pid;
}

// Whether `pid` has exited, without reaping it (the registry still names it).
bool has_exited(pid_t pid) {
  siginfo_t info{};
  return ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

// Waits for the child in `slot` to exit and reaps it; its wait status.
int wait_child(int slot, pid_t pid) {
  siginfo_t info{};
  while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  SignalBlock block;
  slots[slot].child.store(-1);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// The last lines of a log, for error messages (the directory is removed after).
std::string tail(const fs::path& log, size_t count = 20) {
  std::ifstream in(log);
  std::deque<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(std::move(line));
    if (lines.size() > count) lines.pop_front();
  }
  std::string out;
  for (const auto& line : lines) out += "\n  " + line;
  return out.empty() ? "\n  (" + log.filename().string() + " is empty)" : out;
}

// ---------------------------------------------------------------------------
// The directory

fs::path make_directory(const fs::path& requested) {
  if (requested.empty()) {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern = (tmpdir != nullptr && *tmpdir != '\0' ? std::string(tmpdir) : "/tmp") +
                          "/schemactl-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "cannot create a directory like " + pattern);
    }
    return fs::absolute(pattern);
  }
  // Absolute: libpq takes a host that starts with '/' as a socket directory.
  const fs::path directory = fs::absolute(requested).lexically_normal();
  std::error_code ec;
  if (fs::exists(directory, ec) && !(fs::is_directory(directory, ec) && fs::is_empty(directory, ec))) {
    throw std::runtime_error(directory.string() + " already exists and is not an empty directory");
  }
  fs::create_directories(directory);
  fs::permissions(directory, fs::perms::owner_all);
  return directory;
}

// What stop_detached may remove: a directory holding only what a cluster puts there.
bool looks_like_cluster(const fs::path& directory) {
  static const std::array<std::string_view, 5> names = {"data", "initdb.log", "postgres.log",
                                                        ".s.PGSQL.5432", ".s.PGSQL.5432.lock"};
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    const std::string name = entry.path().filename().string();
    if (std::find(names.begin(), names.end(), name) == names.end()) return false;
  }
  return !ec;
}

// The pid in postmaster.pid, if that process is this data directory's postmaster
// (it runs in its data directory): a stale file's pid may belong to anyone now.
std::optional<pid_t> running_postmaster(const fs::path& data) {
  std::ifstream in(data / "postmaster.pid");
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  std::error_code ec;
  if (!fs::equivalent("/proc/" + std::to_string(pid) + "/cwd", data, ec) || ec) return std::nullopt;
  return static_cast<pid_t>(pid);
}

// Gone, or a zombie that only its parent can reap (we may be that parent).
bool is_gone(pid_t pid) {
  ::waitpid(pid, nullptr, WNOHANG);
  if (::kill(pid, 0) != 0 && errno == ESRCH) return true;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

bool wait_gone(pid_t pid, int timeout_ms) {
  const long long deadline = monotonic_ms() + timeout_ms;
  while (!is_gone(pid)) {
    if (monotonic_ms() >= deadline) return false;
    sleep_ms(20);
  }
  return true;
}

}  // namespace

fs::path find_postgres_bindir(std::string_view configured) {
  if (!configured.empty()) {
    if (holds_server(configured)) return fs::path(configured);
    throw std::runtime_error("the configured PostgreSQL directory " + std::string(configured) +
                             " does not hold initdb and postgres");
  }
  std::string pg_config_result = "not found";
  if (const auto bindir = pg_config_bindir()) {
    if (holds_server(*bindir)) return *bindir;
    pg_config_result = "printed " + bindir->string() + ", which does not hold initdb and postgres";
  }
  if (const auto bindir = initdb_on_path()) return *bindir;
  if (const auto bindir = newest_debian_bindir()) return *bindir;
  throw std::runtime_error(
      "cannot find the PostgreSQL server programs (initdb, postgres): tried `pg_config --bindir` (" +
      pg_config_result + "), initdb on PATH, and /usr/lib/postgresql/*/bin. Install them "
      "(e.g. `apt-get install postgresql-15`) or configure their directory");
}

EmbeddedCluster::EmbeddedCluster(const EmbeddedClusterOptions& options) {
  const fs::path bindir = find_postgres_bindir(options.bindir);
  const std::optional<ServerUser> user = server_user(options.run_as);
  directory_ = make_directory(options.directory);
  try {
    slot_ = claim_slot(directory_);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(directory_, ec);
    throw;
  }
  try {
    // The server creates its socket here; a Unix socket path has a small size limit.
    const std::string socket = (directory_ / ".s.PGSQL.5432").string();
    if (socket.size() >= sizeof(sockaddr_un{}.sun_path)) {
      throw std::runtime_error("the cluster directory's path is too long for a Unix socket: " + socket);
    }
    if (user && ::chown(directory_.c_str(), user->uid, user->gid) != 0) {
      throw std::system_error(errno, std::generic_category(),
                              "cannot give " + directory_.string() + " to user " + user->name);
    }
    const fs::path data = directory_ / "data";
    const std::string as_user = user ? " (it runs as user " + user->name +
                                           ", who needs access to every parent directory)"
                                     : "";

    const fs::path initdb_log = directory_ / "initdb.log";
    const pid_t initdb = spawn({(bindir / "initdb").string(), "-D", data.string(), "-U", superuser, "-A",
                                "trust", "-E", "UTF8", "--locale=C", "--no-sync"},
                               directory_, initdb_log, user, slot_);
    const int status = wait_child(slot_, initdb);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      throw std::runtime_error("initdb failed (" + describe_status(status) + ")" + as_user +
                               "; the end of its output:" + tail(initdb_log));
    }

    // Started directly, not through pg_ctl, whose -o goes through a shell. The
    // socket directory is double-quoted as the list syntax of -k wants.
    std::string socket_dir = "\"";
    for (char c : directory_.string()) socket_dir += c == '"' ? std::string("\"\"") : std::string(1, c);
    socket_dir += '"';
    const fs::path postgres_log = directory_ / "postgres.log";
    const pid_t postmaster = spawn(
        {(bindir / "postgres").string(), "-D", data.string(), "-k", socket_dir, "-c", "listen_addresses=",
         "-c", "port=5432", "-F", "-c", "full_page_writes=off", "-c", "synchronous_commit=off", "-c",
         "max_connections=100", "-c", "max_locks_per_transaction=256"},
        directory_, postgres_log, user, slot_);

    const std::string ping = conninfo("postgres");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (PQping(ping.c_str()) != PQPING_OK) {
      if (has_exited(postmaster)) {
        throw std::runtime_error("PostgreSQL exited while starting" + as_user +
                                 "; the end of its log:" + tail(postgres_log));
      }
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error("PostgreSQL did not accept connections within 30 s; the end of its log:" +
                                 tail(postgres_log));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  } catch (...) {
    shutdown();
    throw;
  }
}

EmbeddedCluster::~EmbeddedCluster() {
  if (!detached_) shutdown();
}

void EmbeddedCluster::shutdown() noexcept {
  // A forked child inherits this object but not the server: leave it to its maker.
  if (slot_ < 0 || slots[slot_].owner.load() != ::getpid()) return;
  SignalBlock block;
  const pid_t child = slots[slot_].child.exchange(-1);
  if (child > 0) stop_child(child, stop_timeout_ms);
  std::error_code ec;
  fs::remove_all(directory_, ec);
  release_slot(slot_);
  slot_ = -1;
}

void EmbeddedCluster::detach() {
  if (detached_) return;
  detached_ = true;
  SignalBlock block;
  release_slot(slot_);
  slot_ = -1;
}

std::string EmbeddedCluster::conninfo(std::string_view dbname) const {
  return conninfo_for(directory_, dbname);
}

std::string EmbeddedCluster::conninfo_for(const fs::path& directory, std::string_view dbname) {
  return "host=" + quote_conninfo_value(fs::absolute(directory).string()) + " port=5432 user=" + superuser +
         " dbname=" + quote_conninfo_value(dbname);
}

void EmbeddedCluster::stop_detached(const fs::path& directory) {
  std::error_code ec;
  if (!fs::exists(directory, ec)) return;
  if (!looks_like_cluster(directory)) {
    throw std::runtime_error(directory.string() +
                             " does not look like a schemactl cluster directory; not removing it");
  }
  const fs::path data = fs::absolute(directory) / "data";
  if (const auto pid = running_postmaster(data)) {
    ::kill(*pid, SIGINT);  // fast shutdown
    if (!wait_gone(*pid, 15'000)) {
      ::kill(*pid, SIGKILL);
      wait_gone(*pid, 5'000);
    }
  }
  fs::remove_all(directory, ec);
  if (ec) throw std::system_error(ec, "cannot remove " + directory.string());
}

}  // namespace schemactl::engine
