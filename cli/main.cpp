#include "cli/app.hpp"

int main(int argc, char** argv) { return schemactl::cli::run(argc, argv); }
