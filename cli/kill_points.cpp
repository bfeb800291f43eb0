#include "cli/kill_points.hpp"

#include <csignal>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace schemactl::cli {
namespace {

struct KillPoint {
  std::string point;
  int step = 0;
};

[[noreturn]] void die() {
  std::raise(SIGKILL);
  std::abort();  // not reached: SIGKILL cannot be caught
}

KillPoint parse(const std::string& value) {
  auto colon = value.find(':');
  if (colon == std::string::npos) throw std::runtime_error("SCHEMACTL_KILL_AT must be <point>:<step>, not " + value);
  return {value.substr(0, colon), std::stoi(value.substr(colon + 1))};
}

}  // namespace

void arm_kill_points(engine::ExecutionOptions& options, const std::vector<int>& numbers) {
  const char* value = std::getenv("SCHEMACTL_KILL_AT");
  if (value == nullptr || *value == '\0') return;
  auto kill = parse(value);
  auto at = [kill, numbers](const char* point, std::size_t index) {
    return kill.point == point && numbers.at(index) == kill.step;
  };
  auto& events = options.events;
  auto current = std::make_shared<std::size_t>(0);
  events.step_started = [at, current, started = events.step_started](std::size_t i) {
    *current = i;
    if (at("before", i)) die();
    if (started) started(i);
    if (at("during", i)) {
      std::thread([] {
        std::this_thread::sleep_for(std::chrono::seconds(2));
        die();
      }).detach();
    }
  };
  events.before_commit = [at, commit = events.before_commit](pqxx::transaction_base& tx, std::size_t first,
                                                            std::size_t last) {
    if (commit) commit(tx, first, last);
    for (auto i = first; i < last; ++i) {
      if (at("uncommitted", i)) die();
    }
  };
  events.step_finished = [at, finished = events.step_finished](std::size_t i, std::chrono::nanoseconds took) {
    if (at("committed", i)) die();
    if (finished) finished(i, took);
  };
  auto batches = std::make_shared<int>(0);
  options.backfill.on_batch = [at, current, batches, batch = options.backfill.on_batch](
                                  pqxx::transaction_base& tx, const std::vector<std::string>& position,
                                  std::int64_t rows) {
    if (batch) batch(tx, position, rows);
    if (at("batch", *current) && ++*batches == 2) die();
  };
}

}  // namespace schemactl::cli
