#include "engine/connection.hpp"

#include <cstdlib>
#include <cstring>
#include <functional>

#include <libpq-fe.h>
#include <pqxx/except>
#include <pqxx/nontransaction>

namespace schemactl::engine {
namespace {

constexpr const char* unparseable = "<unparseable connection string>";

// libpq's parsed options; null when the string does not parse. libpq's parse
// message is dropped on purpose: it can quote the offending part of the input,
// which may be the password.
using Options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

Options parse(std::string_view conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(conninfo).c_str(), &error);
  if (error != nullptr) PQfreemem(error);
  return Options(options, &PQconninfoFree);
}

// libpq marks secret options (password, sslpassword) with dispchar "*".
bool is_secret(const PQconninfoOption& option) {
  return std::strchr(option.dispchar, '*') != nullptr || std::strcmp(option.keyword, "password") == 0;
}

// The set options as key=value, skipping those `skip` rejects.
std::string rebuild(const PQconninfoOption* options,
                    const std::function<bool(const PQconninfoOption&)>& skip) {
  std::string out;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || skip(*o)) continue;
    if (!out.empty()) out += ' ';
    out += o->keyword;
    out += '=';
    out += quote_conninfo_value(o->val);
  }
  return out;
}

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string resolve_conninfo(const std::optional<std::string>& url) {
  if (url) return *url;
  if (const char* env = std::getenv("DATABASE_URL")) return env;
  return "";
}

std::string quote_conninfo_value(std::string_view value) {
  bool plain = !value.empty();
  for (char c : value) {
    if (c == '\'' || c == '\\' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      plain = false;
    }
  }
  if (plain) return std::string(value);
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + '\'';
}

std::string redact_conninfo(std::string_view conninfo) {
  Options options = parse(conninfo);
  if (!options) return unparseable;
  return rebuild(options.get(), is_secret);
}

std::string with_database(std::string_view conninfo, std::string_view dbname) {
  Options options = parse(conninfo);
  if (!options) throw ConnectionError(std::string("cannot use ") + unparseable);
  std::string out = rebuild(options.get(), [](const PQconninfoOption& o) {
    return std::strcmp(o.keyword, "dbname") == 0;
  });
  return out + (out.empty() ? "" : " ") + "dbname=" + quote_conninfo_value(dbname);
}

std::unique_ptr<pqxx::connection> connect(const std::string& conninfo) {
  // An unparseable string is reported without libpq's reason, which may quote it.
  const std::string target = redact_conninfo(conninfo);
  if (target == unparseable) throw ConnectionError("cannot connect: " + target);
  const std::string shown = target.empty() ? "the default server (PG* environment)" : target;
  try {
    return std::make_unique<pqxx::connection>(conninfo);
  } catch (const std::exception& e) {
    throw ConnectionError("cannot connect to " + shown + ": " + trim(e.what()));
  }
}

std::unique_ptr<pqxx::connection> connect_for_apply(const std::string& conninfo, std::string_view application) {
  auto conn = connect(conninfo);
  pqxx::nontransaction(*conn).exec("SET application_name = " + conn->quote(std::string(application)) +
                                   "; SET client_connection_check_interval = '1s'");
  return conn;
}

}  // namespace schemactl::engine
