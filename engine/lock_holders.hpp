// Who holds the locks a step waits for: named when a lock timeout is retried, so a
// long transaction in the application is found, not guessed at.
#pragma once

#include <string>

#include <pqxx/connection>

#include "engine/step.hpp"

namespace schemactl::engine {

// One line per other session holding a granted lock on a table the step names:
// "pid 4242 (billing-worker as app, idle in transaction for 95s): SELECT ...";
// empty when there is none left.
std::string describe_lock_holders(pqxx::connection& conn, const Step& step);

}  // namespace schemactl::engine
