#include "support/test_server.hpp"

#include <cstdlib>

namespace schemactl::testing {

const engine::ScratchServer& test_server() {
  // Function statics: made on first use; an embedded cluster is stopped and
  // removed by the static's destructor at exit.
  if (const char* directory = std::getenv("SCHEMACTL_TEST_CLUSTER")) {
    static const engine::ScratchServer shared =
        engine::ScratchServer::open(engine::EmbeddedCluster::conninfo_for(directory, "postgres"));
    return shared;
  }
  static const engine::ScratchServer embedded = engine::ScratchServer::open("embedded");
  return embedded;
}

}  // namespace schemactl::testing
