#include "engine/preflight.hpp"

#include <fmt/format.h>
#include <pqxx/transaction>

namespace schemactl::engine {

std::vector<PreflightFailure> run_preflight(pqxx::connection& conn, const std::vector<Step>& steps) {
  std::vector<PreflightFailure> failures;
  // One snapshot for all checks; nothing here may write.
  pqxx::read_transaction tx(conn);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    for (const auto& check : steps[i].preflight) {
      auto rows = tx.exec1(fmt::format("SELECT count(*) FROM ({}) AS offending", check.rows_sql))[0].as<std::int64_t>();
      if (rows > 0) failures.push_back({i, check.description, rows, check.rows_sql + " LIMIT 10"});
    }
  }
  return failures;
}

}  // namespace schemactl::engine
