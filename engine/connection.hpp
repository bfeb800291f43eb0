// Connections to PostgreSQL. Settings follow libpq: a URL or key=value string,
// DATABASE_URL, and the PG* environment variables. A password never appears in
// any message schemactl prints.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <pqxx/connection>

namespace schemactl::engine {

// Could not connect; what() names the server (password removed) and libpq's reason.
struct ConnectionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The explicit URL if given, else DATABASE_URL, else "" (libpq then reads PG*).
std::string resolve_conninfo(const std::optional<std::string>& url);

// The same settings with any password removed, for messages.
std::string redact_conninfo(std::string_view conninfo);

// The same server and credentials, another database.
std::string with_database(std::string_view conninfo, std::string_view dbname);

// A value for a key=value conninfo: single-quoted and backslash-escaped when libpq needs it.
std::string quote_conninfo_value(std::string_view value);

// Connects, or throws ConnectionError with a clear, password-free message.
std::unique_ptr<pqxx::connection> connect(const std::string& conninfo);

// A session that runs migration steps. It is named `application` in
// pg_stat_activity, so lock reports and operators can see it, and the server checks
// every second that the client is still there, so the statement of a killed apply
// (a CREATE INDEX CONCURRENTLY, a backfill batch) is cancelled instead of running on.
std::unique_ptr<pqxx::connection> connect_for_apply(const std::string& conninfo, std::string_view application);

}  // namespace schemactl::engine
