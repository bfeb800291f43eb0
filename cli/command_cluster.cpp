// `schemactl cluster start|stop DIR`: a throwaway local PostgreSQL, the same
// embedded cluster plan uses for scratch databases, left running for the test
// harness and the demo.
#include <stdexcept>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "engine/embedded_cluster.hpp"

namespace schemactl::cli {

int run_cluster(const std::string& action, const std::string& directory) {
  if (action == "start") {
    engine::EmbeddedClusterOptions options;
    options.directory = directory;
    engine::EmbeddedCluster cluster(options);
    cluster.detach();
    fmt::print("{}\n", cluster.conninfo("postgres"));
    return exit_ok;
  }
  if (action == "stop") {
    engine::EmbeddedCluster::stop_detached(directory);
    return exit_ok;
  }
  throw std::invalid_argument(fmt::format("unknown cluster action '{}' (start or stop)", action));
}

}  // namespace schemactl::cli
