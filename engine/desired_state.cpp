#include "engine/desired_state.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <pqxx/except>
#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "schema/ddl.hpp"

namespace schemactl::engine {
namespace {

// Consecutive statements that may share a transaction reach the server as one
// multi-statement query, which it runs as one transaction: a schema of thousands of
// statements then costs tens of round trips and commits instead of thousands. The
// bound keeps one transaction's locks well inside a default lock table
// (max_locks_per_transaction = 64 per connection).
constexpr std::size_t statements_per_batch = 200;

void run_one(pqxx::nontransaction& tx, const schema::Statement& statement) {
  try {
    tx.exec(statement.sql);
  } catch (const pqxx::sql_error& error) {
    std::string message = error.what();
    message = message.substr(0, message.find('\n'));
    if (message.starts_with("ERROR:")) message = message.substr(6);
    while (!message.empty() && message.front() == ' ') message.erase(0, 1);
    throw schema::SchemaError(fmt::format("{}: {}", statement.location(), message));
  }
}

}  // namespace

void run_statements(pqxx::connection& conn, const std::vector<schema::Statement>& statements) {
  pqxx::nontransaction tx(conn);
  for (std::size_t begin = 0; begin < statements.size();) {
    std::size_t end = begin;
    std::string batch;
    for (; end < statements.size() && statements[end].transactional && end - begin < statements_per_batch; ++end)
      batch += statements[end].sql + ";\n";
    if (end == begin) {
      run_one(tx, statements[begin++]);
      continue;
    }
    try {
      tx.exec(batch);
    } catch (const pqxx::sql_error&) {
      // The batch rolled back as a whole: run it again statement by statement, so the
      // one the server refuses is reported at its file:line:col.
      for (std::size_t i = begin; i < end; ++i) run_one(tx, statements[i]);
    }
    begin = end;
  }
}

std::vector<schema::Statement> canonical_statements(const schema::Catalog& catalog, const std::string& file) {
  std::vector<schema::Statement> statements;
  int line = 1;
  for (auto& sql : schema::render_statements(catalog)) {
    int lines = static_cast<int>(std::count(sql.begin(), sql.end(), '\n')) + 2;  // its own, and a blank one
    statements.push_back({.sql = std::move(sql), .file = file, .line = line, .column = 1});
    line += lines;
  }
  return statements;
}

schema::Catalog build_desired_catalog(const ScratchServer& server,
                                      const std::vector<schema::Statement>& statements,
                                      const IntrospectOptions& options) {
  std::vector<std::string> roles;
  for (const auto& statement : statements) roles.insert(roles.end(), statement.roles.begin(), statement.roles.end());
  server.ensure_roles(roles);
  TemporaryDatabase database(server, "desired");
  auto conn = connect(database.conninfo());
  run_statements(*conn, statements);
  return introspect(database.conninfo(), options);
}

}  // namespace schemactl::engine
