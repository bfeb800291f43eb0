// One line per change, for the header of a migration file and pull-request comments:
// "+ column public.orders.public_id uuid NOT NULL DEFAULT gen_random_uuid()".
#pragma once

#include <string>
#include <vector>

#include "engine/diff.hpp"

namespace schemactl::planner {

// '+' added, '-' dropped, '~' changed; deterministic, in the diff's order.
std::vector<std::string> summarize(const std::vector<engine::Change>& changes);

}  // namespace schemactl::planner
