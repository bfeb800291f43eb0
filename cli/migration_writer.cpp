#include "cli/migration_writer.hpp"

#include <chrono>
#include <fstream>

#include <fmt/format.h>

#include "planner/migration_dir.hpp"
#include "planner/migration_file.hpp"
#include "planner/sum_file.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::cli {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error(path.string() + ": cannot write");
}

// Data a migration deletes cannot come back: such a migration has no down file that runs.
std::vector<std::string> irreversible_reasons(const planner::Plan& plan) {
  std::vector<std::string> reasons;
  for (const auto& step : plan.steps) {
    for (auto hazard : step.hazards) {
      if (hazard == planner::Hazard::deletes_data) reasons.push_back(step.object + ": " + step.why);
    }
  }
  return reasons;
}

}  // namespace

std::string write_migration_files(const std::filesystem::path& directory, const std::string& name,
                                  const PlanningResult& result, const planner::PlanOptions& options) {
  planner::MigrationHeader header{planner::new_version(std::chrono::system_clock::now()),
                                  planner::sanitize_migration_name(name), schema::fingerprint(result.current),
                                  schema::fingerprint(result.desired)};
  std::filesystem::create_directories(directory);
  auto up = directory / planner::migration_file_name(header.version, header.name);
  auto down = directory / planner::migration_file_name(header.version, header.name, planner::Direction::down);
  auto reasons = irreversible_reasons(result.plan);
  auto down_text = reasons.empty()
                       ? planner::write_down_migration(header, planner::plan_changes(result.desired, result.current,
                                                                                     options, schema::reversed(result.renames)))
                       : planner::write_irreversible_down(header, reasons);
  write_file(up, planner::write_migration(header, result.plan));
  write_file(down, down_text);
  planner::write_sum(directory);
  return up.string();
}

}  // namespace schemactl::cli
