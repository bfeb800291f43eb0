#include "planner/render.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace schemactl::planner {
namespace {

std::string_view tx_label(const engine::Step& step) {
  if (step.backfill) return "batches";
  switch (step.tx) {
    case engine::TxMode::shared: return "tx";
    case engine::TxMode::own: return "own-tx";
    case engine::TxMode::none: return "no-tx";
  }
  return "";
}

std::string hazard_list(const std::vector<Hazard>& hazards) {
  std::string list;
  for (auto hazard : hazards) list += fmt::format("{}{}", list.empty() ? "" : ",", hazard_name(hazard));
  return list.empty() ? "-" : list;
}

std::string summary(const Plan& plan) {
  auto contract = std::count_if(plan.steps.begin(), plan.steps.end(),
                                [](const PlannedStep& s) { return s.phase == Phase::contract; });
  auto all = plan.hazards();
  std::vector<Hazard> hazards(all.begin(), all.end());
  return fmt::format("{} steps · {} expand · {} contract · hazards: {}", plan.steps.size(),
                     plan.steps.size() - contract, contract,
                     hazards.empty() ? "none" : hazard_list(hazards));
}

std::string pad(std::string_view text, std::size_t width) {
  return std::string(text) + std::string(width > display_width(text) ? width - display_width(text) : 0, ' ');
}

}  // namespace

std::size_t display_width(std::string_view text) {
  return std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

std::string format_duration(std::chrono::milliseconds duration) {
  auto ms = duration.count();
  if (ms == 0) return "0";
  if (ms % 60000 == 0) return fmt::format("{}min", ms / 60000);
  if (ms % 1000 == 0) return fmt::format("{}s", ms / 1000);
  return fmt::format("{}ms", ms);
}

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || value < 0) return std::nullopt;
  std::string_view unit(end, text.data() + text.size() - end);
  if (unit == "ms" || (unit.empty() && value == 0)) return std::chrono::milliseconds(value);
  if (unit == "s") return std::chrono::seconds(value);
  if (unit == "min") return std::chrono::minutes(value);
  if (unit == "h") return std::chrono::hours(value);
  return std::nullopt;
}

std::string step_header(const PlannedStep& step, std::size_t number) {
  auto header = fmt::format("step {} · {} · {}", number, phase_name(step.phase), tx_label(step.step));
  if (step.step.backfill) header += " · backfill " + step.object + " · batch=adaptive";
  header += fmt::format(" · lock_timeout={} statement_timeout={}", format_duration(step.step.lock_timeout),
                        format_duration(step.step.statement_timeout));
  if (!step.hazards.empty()) header += " · hazards: " + hazard_list(step.hazards);
  return header;
}

std::string render_sql(const Plan& plan) {
  std::string out = fmt::format("-- {}\n", summary(plan));
  for (const auto& warning : plan.warnings) out += "-- warning: " + warning + "\n";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    out += fmt::format("\n-- {}\n-- {}: {}\n{};\n", step_header(step, i + 1), step.object, step.why, step.step.sql);
  }
  return out;
}

std::string render_text(const Plan& plan, const TextStyle& style) {
  auto paint = [&](std::string_view code, std::string_view text) {
    return style.colour ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  };
  if (plan.empty()) {
    std::string out = paint("32", "No changes: the database already matches the desired schema.") + "\n";
    for (const auto& warning : plan.warnings) out += paint("33", "warning: ") + warning + "\n";
    return out;
  }
  std::vector<std::vector<std::string>> rows = {{"#", "phase", "mode", "hazards", "object", "why"}};
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    rows.push_back({std::to_string(i + 1), std::string(phase_name(step.phase)), std::string(tx_label(step.step)),
                    hazard_list(step.hazards), step.object, step.why});
  }
  std::vector<std::size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
  }
  std::string out = paint("1", "Plan: " + summary(plan)) + "\n\n";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line = " ";
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      auto cell = c + 1 == rows[r].size() ? rows[r][c] : pad(rows[r][c], widths[c] + 2);
      if (r == 0) cell = paint("1", cell);
      else if (c == 3 && rows[r][c] != "-") cell = paint("31", cell);
      line += cell;
    }
    out += line + "\n";
  }
  if (!plan.hazards().empty()) {
    out += "\n";
    for (auto hazard : plan.hazards()) {
      out += fmt::format(" {}  {}\n", paint("31", pad(hazard_name(hazard), 24)), hazard_meaning(hazard));
    }
  }
  for (const auto& warning : plan.warnings) out += paint("33", "warning: ") + warning + "\n";
  out += "\n" + render_sql(plan);
  return out;
}

std::string lock_impact(const PlannedStep& step) {
  const auto& sql = step.step.sql;
  auto has = [&](std::string_view text) { return sql.find(text) != std::string::npos; };
  auto has_hazard = [&](Hazard hazard) {
    return std::find(step.hazards.begin(), step.hazards.end(), hazard) != step.hazards.end();
  };
  if (step.step.backfill) return "row locks, one short batch at a time";
  if (has("CONCURRENTLY") || has("VALIDATE CONSTRAINT")) return "SHARE UPDATE EXCLUSIVE: reads and writes go on";
  if (has_hazard(Hazard::table_rewrite) || has_hazard(Hazard::blocks_reads)) {
    return "ACCESS EXCLUSIVE for the whole statement: reads and writes wait";
  }
  if (sql.starts_with("CREATE SCHEMA") || sql.starts_with("CREATE SEQUENCE") || sql.starts_with("CREATE TABLE")) {
    return "none on existing tables";
  }
  if (has("FOREIGN KEY")) return "SHARE ROW EXCLUSIVE on both tables, brief: writes wait at most lock_timeout";
  return fmt::format("ACCESS EXCLUSIVE, brief (no scan): waits at most lock_timeout={}",
                     format_duration(step.step.lock_timeout));
}

std::string render_markdown(const Plan& plan) {
  if (plan.empty()) return "### schemactl plan\n\nNo changes: the migrations reach the desired schema.\n";
  auto cell = [](std::string text) {
    std::string escaped;
    for (char c : text) escaped += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
    return escaped;
  };
  std::string out = fmt::format("### schemactl plan\n\n{}\n\n#### Changes\n\n", summary(plan));
  for (const auto& line : plan.summary) out += fmt::format("- `{}`\n", line);
  out += "\n#### Hazards\n\n";
  if (plan.hazards().empty()) out += "None.\n";
  for (auto hazard : plan.hazards()) out += fmt::format("- **{}**: {}\n", hazard_name(hazard), hazard_meaning(hazard));
  for (const auto& warning : plan.warnings) out += fmt::format("\n> warning: {}\n", warning);
  out += "\n#### Steps\n\n| # | phase | mode | object | lock impact | hazards |\n|---|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    out += fmt::format("| {} | {} | {} | `{}` | {} | {} |\n", i + 1, phase_name(step.phase), tx_label(step.step),
                       cell(step.object), cell(lock_impact(step)), hazard_list(step.hazards));
  }
  out += "\n<details><summary>SQL</summary>\n\n```sql\n" + render_sql(plan) + "```\n</details>\n";
  return out;
}

std::string render_json(const Plan& plan) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    nlohmann::ordered_json hazards = nlohmann::ordered_json::array();
    for (auto hazard : step.hazards) hazards.push_back(hazard_name(hazard));
    steps.push_back({{"number", i + 1},
                     {"phase", phase_name(step.phase)},
                     {"transaction", tx_label(step.step)},
                     {"lock_timeout_ms", step.step.lock_timeout.count()},
                     {"statement_timeout_ms", step.step.statement_timeout.count()},
                     {"hazards", hazards},
                     {"object", step.object},
                     {"why", step.why},
                     {"sql", step.step.sql}});
  }
  nlohmann::ordered_json hazards = nlohmann::ordered_json::array();
  for (auto hazard : plan.hazards()) {
    hazards.push_back({{"name", hazard_name(hazard)}, {"meaning", hazard_meaning(hazard)}});
  }
  nlohmann::ordered_json out = {{"steps", steps}, {"hazards", hazards}, {"warnings", plan.warnings}};
  return out.dump(2) + "\n";
}

}  // namespace schemactl::planner
