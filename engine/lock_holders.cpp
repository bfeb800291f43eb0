#include "engine/lock_holders.hpp"

#include <fmt/format.h>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "engine/text_array.hpp"

#include "schema/expression.hpp"
#include "schema/names.hpp"

namespace schemactl::engine {

std::string describe_lock_holders(pqxx::connection& conn, const Step& step) {
  std::vector<std::string> tables;
  for (const auto& table : schema::tables_named_in(step.sql)) tables.push_back(schema::quote_name(table));
  pqxx::nontransaction tx(conn);
  auto rows = tx.exec_params(
      "SELECT DISTINCT a.pid, a.application_name, a.usename, a.state, "
      "  coalesce(extract(epoch FROM now() - a.xact_start)::bigint, 0), l.mode, "
      "  left(regexp_replace(a.query, '\\s+', ' ', 'g'), 120) "
      "FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
      "WHERE l.granted AND a.pid <> pg_backend_pid() "
      "  AND l.relation = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) t) "
      "ORDER BY 5 DESC, 1",
      text_array_literal(tables));
  std::string lines;
  for (const auto& row : rows) {
    lines += fmt::format("pid {} ({} as {}, {} for {}s, holds {}): {}\n", row[0].c_str(), row[1].c_str(),
                         row[2].c_str(), row[3].c_str(), row[4].c_str(), row[5].c_str(), row[6].c_str());
  }
  return lines;
}

}  // namespace schemactl::engine
