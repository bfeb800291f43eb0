#include "cli/apply_progress.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

#include <fmt/format.h>

#include "cli/terminal.hpp"
#include "planner/render.hpp"

namespace schemactl::cli {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds(std::chrono::nanoseconds took) {
  return fmt::format("{:.2f}s", std::chrono::duration<double>(took).count());
}

std::string eta(std::chrono::seconds left) {
  auto s = left.count();
  return s >= 3600 ? fmt::format("{}h{:02}m", s / 3600, s / 60 % 60)
         : s >= 60 ? fmt::format("{}m{:02}s", s / 60, s % 60)
                   : fmt::format("{}s", s);
}

}  // namespace

engine::ExecutionOptions progress_reporting(const planner::Plan& plan, const Config& config) {
  engine::ExecutionOptions options;
  options.backfill.target_batch_duration = config.backfill_batch_time;
  options.backfill.pause_between_batches = config.backfill_pause;
  bool terminal = is_terminal(stderr);
  auto total = plan.steps.size();
  options.events.step_started = [&plan, total](std::size_t i) {
    const auto& step = plan.steps[i];
    fmt::print(stderr, "  [{}/{}] {}  {}\n", i + 1, total, planner::phase_name(step.phase), step.object);
  };
  options.events.step_finished = [](std::size_t, std::chrono::nanoseconds took) {
    if (took.count() > 0) fmt::print(stderr, "        done in {}\n", seconds(took));
  };
  options.events.lock_retry = [](std::size_t, int attempt, std::chrono::milliseconds wait,
                                  const std::string& holders) {
    fmt::print(stderr, "        lock not granted within lock_timeout (attempt {}): retrying in {}ms\n", attempt,
               wait.count());
    if (!holders.empty()) fmt::print(stderr, "        held by:\n{}", holders);
  };
  auto last_line = std::make_shared<Clock::time_point>();
  options.backfill.on_progress = [terminal, last_line](const engine::BackfillProgress& p) {
    auto now = Clock::now();
    if (!terminal && !p.finished && now - *last_line < std::chrono::seconds(2)) return;
    *last_line = now;
    auto line = fmt::format("        backfill {:>10L} / ~{:L} rows · {:.0f} rows/s · ETA {} · batch {}",
                            p.rows_done, p.rows_estimate, p.rows_per_second, eta(p.eta), p.batch_size);
    if (p.finished) line = fmt::format("        backfilled {:L} rows · {:.0f} rows/s", p.rows_done, p.rows_per_second);
    // On a terminal the line is redrawn in place until the backfill finishes.
    fmt::print(stderr, "{}{}{}", terminal ? "\r\x1b[K" : "", line, terminal && !p.finished ? "" : "\n");
  };
  return options;
}

}  // namespace schemactl::cli
