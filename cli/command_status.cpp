// status and history: what is applied, pending, running or failed, from the
// tracking tables and the migrations directory.
#include <algorithm>
#include <array>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/migrations.hpp"
#include "engine/connection.hpp"
#include "engine/tracking.hpp"

namespace schemactl::cli {
namespace {

struct Row {
  std::string version, name, status, started, duration, applied_by, detail;
};

nlohmann::ordered_json to_json(const std::vector<Row>& rows) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& row : rows) {
    out.push_back({{"version", row.version}, {"name", row.name}, {"status", row.status}, {"started_at", row.started},
                   {"duration", row.duration}, {"applied_by", row.applied_by}, {"detail", row.detail}});
  }
  return out;
}

void print_table(const std::vector<Row>& rows) {
  std::vector<std::array<std::string, 6>> cells = {{"version", "name", "status", "started", "took", "by"}};
  for (const auto& row : rows) cells.push_back({row.version, row.name, row.status, row.started, row.duration, row.applied_by});
  std::array<std::size_t, 6> widths{};
  for (const auto& line : cells) {
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
  }
  for (std::size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < cells[r].size(); ++c) line += fmt::format("{:<{}}  ", cells[r][c], widths[c]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    fmt::print("{}\n", line);
    if (r > 0 && !rows[r - 1].detail.empty()) fmt::print("    {}\n", rows[r - 1].detail);
  }
}

Row row_of(const engine::MigrationRecord& record) {
  return {record.version, record.name, std::string(engine::run_status_name(record.status)), record.started_at,
          record.finished_at.empty() ? "" : fmt::format("{:.1f}s", record.duration_ms / 1000.0), record.applied_by,
          record.error};
}

int print_rows(const std::vector<Row>& rows, const std::string& format) {
  if (format == "json") {
    fmt::print("{}\n", to_json(rows).dump(2));
  } else {
    print_table(rows);
  }
  return exit_ok;
}

}  // namespace

int run_history(CommonOptions options) {
  load_settings(options);
  auto conn = engine::connect(engine::resolve_conninfo(options.url));
  std::vector<Row> rows;
  for (const auto& record : engine::read_history(*conn)) rows.push_back(row_of(record));
  return print_rows(rows, options.format);
}

int run_status(CommonOptions options) {
  auto config = load_settings(options);
  auto directory = load_migrations(migrations_path(config));
  auto conn = engine::connect(engine::resolve_conninfo(options.url));
  auto history = engine::read_history(*conn);
  std::vector<Row> rows;
  for (const auto& migration : directory.migrations) {
    auto recorded = std::find_if(history.begin(), history.end(),
                                 [&](const auto& record) { return record.version == migration.header.version; });
    rows.push_back(recorded != history.end() ? row_of(*recorded)
                                             : Row{migration.header.version, migration.header.name, "pending"});
  }
  return print_rows(rows, options.format);
}

}  // namespace schemactl::cli
