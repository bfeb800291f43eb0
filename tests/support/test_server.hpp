// The real PostgreSQL server every integration test runs against: the throwaway
// cluster that ctest's "cluster: start" fixture made (SCHEMACTL_TEST_CLUSTER names
// its directory), or, when a test binary runs by hand, an embedded cluster started
// on first use and removed at exit.
#pragma once

#include "engine/scratch.hpp"

namespace schemactl::testing {

const engine::ScratchServer& test_server();

}  // namespace schemactl::testing
