// Scratch databases: where the desired schema is built so that it can be read back
// in PostgreSQL's canonical form. Either a server given by --dev-url (the role
// needs CREATEDB; the URL's database is only used to connect) or an embedded
// temporary cluster.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/embedded_cluster.hpp"

namespace schemactl::engine {

class ScratchServer {
 public:
  // "embedded" starts a temporary cluster; anything else is a libpq URL/conninfo.
  static ScratchServer open(const std::string& dev_url, const EmbeddedClusterOptions& options = {});

  const std::string& conninfo() const { return conninfo_; }

  // Creates the roles of `roles` that the embedded cluster lacks, NOLOGIN, so that
  // GRANT ... TO and CREATE POLICY ... TO the application's roles can be built.
  // Does nothing on a --dev-url server: there the roles must exist, as they must on
  // the live database (schemactl never creates roles outside its own cluster).
  void ensure_roles(const std::vector<std::string>& roles) const;

 private:
  std::string conninfo_;
  std::shared_ptr<EmbeddedCluster> cluster_;  // set when embedded
};

// CREATE DATABASE on construction (uniquely named schemactl_tmp_<purpose>_<random>),
// DROP DATABASE ... WITH (FORCE) on destruction.
class TemporaryDatabase {
 public:
  TemporaryDatabase(const ScratchServer& server, std::string_view purpose);
  ~TemporaryDatabase();
  TemporaryDatabase(const TemporaryDatabase&) = delete;
  TemporaryDatabase& operator=(const TemporaryDatabase&) = delete;

  const std::string& name() const { return name_; }
  const std::string& conninfo() const { return conninfo_; }

  // Creates the roles of `roles` that the embedded cluster lacks, NOLOGIN, so that
  // GRANT ... TO and CREATE POLICY ... TO the application's roles can be built.
  // Does nothing on a --dev-url server: there the roles must exist, as they must on
  // the live database (schemactl never creates roles outside its own cluster).
  void ensure_roles(const std::vector<std::string>& roles) const;

 private:
  std::string server_conninfo_;
  std::string name_;
  std::string conninfo_;
};

}  // namespace schemactl::engine
