#include <cstdio>
#include <stdexcept>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/states.hpp"
#include "engine/connection.hpp"
#include "schema/catalog_json.hpp"
#include "schema/ddl.hpp"

namespace schemactl::cli {

int run_inspect(const CommonOptions& options) {
  if (options.format != "sql" && options.format != "json" && options.format != "text") {
    throw std::invalid_argument("--format must be sql or json for inspect");
  }
  CommonOptions settings = options;
  auto config = load_settings(settings);
  auto catalog = read_database(engine::resolve_conninfo(options.url), config);
  fmt::print("{}", options.format == "json" ? schema::render_catalog_json(catalog) : schema::render_sql(catalog));
  return exit_ok;
}

}  // namespace schemactl::cli
