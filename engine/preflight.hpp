// Preflight data checks: run every step's checks, read-only, before the first step.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "engine/step.hpp"

namespace schemactl::engine {

struct PreflightFailure {
  std::size_t step_index;
  std::string description;
  std::int64_t rows;       // how many rows would make the step fail
  std::string sample_sql;  // a query that shows them
};

std::vector<PreflightFailure> run_preflight(pqxx::connection& conn, const std::vector<Step>& steps);

}  // namespace schemactl::engine
