// Internal to the diff: declarative partitioning of a table present on both sides.
#pragma once

#include "engine/diff.hpp"

namespace schemactl::engine {

void diff_partitioning(const schema::Table& from, const schema::Table& to, std::vector<Change>& out);

}  // namespace schemactl::engine
