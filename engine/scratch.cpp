#include "engine/scratch.hpp"

#include <cstdio>
#include <random>

#include <pqxx/except>
#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "schema/names.hpp"

namespace schemactl::engine {
namespace {

// Lower-case letters, digits and underscores only, so the name needs no quoting
// and stays well inside PostgreSQL's 63-byte limit.
std::string sanitize(std::string_view purpose) {
  std::string out;
  for (char c : purpose.substr(0, 32)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    out += allowed ? c : '_';
  }
  return out;
}

std::string random_hex8() {
  static thread_local std::mt19937 generator{std::random_device{}()};
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(generator()));
  return hex;
}

}  // namespace

ScratchServer ScratchServer::open(const std::string& dev_url, const EmbeddedClusterOptions& options) {
  ScratchServer server;
  if (dev_url == "embedded") {
    server.cluster_ = std::async(std::launch::async, [options] {
                        auto cluster = std::make_shared<EmbeddedCluster>(options);
                        return Started{cluster, cluster->conninfo("postgres")};
                      }).share();
  } else {
    connect(dev_url);  // fail now, with a clear message, rather than at the first CREATE DATABASE
    server.conninfo_ = dev_url;
  }
  return server;
}

const std::string& ScratchServer::conninfo() const { return embedded() ? cluster_.get().conninfo : conninfo_; }

void ScratchServer::ensure_roles(const std::vector<std::string>& roles) const {
  if (!embedded() || roles.empty()) return;
  auto connection = connect(conninfo());
  pqxx::nontransaction work(*connection);
  for (const auto& role : roles) {
    if (!work.exec_params("SELECT FROM pg_roles WHERE rolname = $1", role).empty()) continue;
    try {
      work.exec("CREATE ROLE " + schema::quote_ident(role) + " NOLOGIN");
    } catch (const pqxx::sql_error& error) {
      // Another build on the same cluster created it first: that is as good.
      if (error.sqlstate() != "42710" && error.sqlstate() != "23505") throw;  // duplicate_object, unique_violation
    }
  }
}

TemporaryDatabase::TemporaryDatabase(const ScratchServer& server, std::string_view purpose)
    : server_conninfo_(server.conninfo()),
      embedded_(server.embedded()),
      name_("schemactl_tmp_" + sanitize(purpose) + "_" + random_hex8()),
      conninfo_(with_database(server_conninfo_, name_)) {
  auto connection = connect(server_conninfo_);
  pqxx::nontransaction work(*connection);  // CREATE DATABASE cannot run in a transaction
  work.exec("CREATE DATABASE " + schema::quote_ident(name_) + " TEMPLATE template0");
}

TemporaryDatabase::~TemporaryDatabase() {
  if (embedded_) return;
  // Never throws: a database left behind is named schemactl_tmp_* and harmless.
  try {
    auto connection = connect(server_conninfo_);
    pqxx::nontransaction work(*connection);
    work.exec("DROP DATABASE IF EXISTS " + schema::quote_ident(name_) + " WITH (FORCE)");
  } catch (...) {
  }
}

}  // namespace schemactl::engine
