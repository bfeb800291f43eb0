#include <optional>
#include <sstream>

#include <dtl/dtl.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/states.hpp"
#include "cli/terminal.hpp"
#include "engine/connection.hpp"
#include "schema/ddl.hpp"

namespace schemactl::cli {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

}  // namespace

int run_diff(const CommonOptions& options, const std::string& from, const std::string& to) {
  CommonOptions settings = options;
  auto config = load_settings(settings);
  std::optional<engine::ScratchServer> scratch;  // started only if a side is schema files
  auto read = [&](const std::string& side) {
    if (is_database_url(side)) return read_database(side, config);
    if (!scratch) scratch = open_scratch(options.dev_url, config);
    return read_schema_files({side}, *scratch, config);
  };
  auto a = lines_of(schema::render_sql(read(from)));
  auto b = lines_of(schema::render_sql(read(to)));
  dtl::Diff<std::string> diff(a, b);
  diff.compose();
  diff.composeUnifiedHunks();
  std::ostringstream unified;
  diff.printUnifiedFormat(unified);
  bool colour = use_colour(stdout);
  // A URL may hold a password: never print it as given.
  auto label = [](const std::string& side) { return is_database_url(side) ? engine::redact_conninfo(side) : side; };
  if (!unified.str().empty()) fmt::print("--- {}\n+++ {}\n", label(from), label(to));
  for (const auto& line : lines_of(unified.str())) {
    const char* code = line.starts_with("@@") ? "36" : line.starts_with("+") ? "32" : line.starts_with("-") ? "31" : nullptr;
    fmt::print("{}\n", colour && code ? fmt::format("\x1b[{}m{}\x1b[0m", code, line) : line);
  }
  return exit_ok;
}

}  // namespace schemactl::cli
