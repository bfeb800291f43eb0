// What the terminal can show: colour only on a terminal and never with NO_COLOR.
#pragma once

#include <cstdio>

namespace schemactl::cli {

bool is_terminal(std::FILE* stream);
bool use_colour(std::FILE* stream);

}  // namespace schemactl::cli
