#pragma once

namespace schemactl::cli {

// Parses the command line, runs the command, maps errors to exit codes.
int run(int argc, char** argv);

}  // namespace schemactl::cli
