#include "support/server_definitions.hpp"

#include <pqxx/pqxx>

#include "engine/introspect.hpp"

namespace schemactl::testing {

schema::Catalog introspect_created(pqxx::connection& conn, const std::string& sql) {
  pqxx::work txn(conn);
  txn.exec(sql);
  txn.commit();
  return engine::introspect(conn);
}

void print_names_as_introspection(pqxx::transaction_base& txn) { txn.exec("SET LOCAL search_path = ''"); }

std::map<DefinitionKey, std::string> definitions(pqxx::transaction_base& txn, const std::string& query) {
  std::map<DefinitionKey, std::string> defs;
  for (const auto& row : txn.exec(query))
    defs[{row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::string>()}] = row[3].as<std::string>();
  return defs;
}

}  // namespace schemactl::testing
