#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>

int main(int argc, char* argv[]) {
  // The schemactl processes tests start keep their desired-state caches in the build
  // tree, not in the user's ~/.cache (a test may still set its own).
  setenv("SCHEMACTL_CACHE_DIR", SCHEMACTL_TEST_CACHE_DIR, 0);
  return Catch::Session().run(argc, argv);
}
