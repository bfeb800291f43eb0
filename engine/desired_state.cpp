#include "engine/desired_state.hpp"

#include <fmt/format.h>
#include <pqxx/except>
#include <pqxx/nontransaction>

#include "engine/connection.hpp"

namespace schemactl::engine {

void run_statements(pqxx::connection& conn, const std::vector<schema::Statement>& statements) {
  pqxx::nontransaction tx(conn);
  for (const auto& statement : statements) {
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
}

schema::Catalog build_desired_catalog(const ScratchServer& server,
                                      const std::vector<schema::Statement>& statements,
                                      const IntrospectOptions& options) {
  TemporaryDatabase database(server, "desired");
  auto conn = connect(database.conninfo());
  run_statements(*conn, statements);
  return introspect(*conn, options);
}

}  // namespace schemactl::engine
