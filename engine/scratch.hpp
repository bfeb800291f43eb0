// Scratch databases: where the desired schema is built so that it can be read back
// in PostgreSQL's canonical form. Either a server given by --dev-url (the role
// needs CREATEDB; the URL's database is only used to connect) or an embedded
// temporary cluster.
#pragma once

#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/embedded_cluster.hpp"

namespace schemactl::engine {

class ScratchServer {
 public:
  // "embedded" starts a temporary cluster, in the background: the caller reads
  // schema files and the live database meanwhile. Anything else is a libpq
  // URL/conninfo.
  static ScratchServer open(const std::string& dev_url, const EmbeddedClusterOptions& options = {});

  // Waits for an embedded cluster to be up; throws what starting it threw.
  const std::string& conninfo() const;
  bool embedded() const { return cluster_.valid(); }

  // Creates the roles of `roles` that the embedded cluster lacks, NOLOGIN, so that
  // GRANT ... TO and CREATE POLICY ... TO the application's roles can be built.
  // Does nothing on a --dev-url server: there the roles must exist, as they must on
  // the live database (schemactl never creates roles outside its own cluster).
  void ensure_roles(const std::vector<std::string>& roles) const;

 private:
  struct Started {
    std::shared_ptr<EmbeddedCluster> cluster;
    std::string conninfo;
  };
  std::string conninfo_;                     // --dev-url
  std::shared_future<Started> cluster_;      // valid when embedded
};

// CREATE DATABASE on construction (uniquely named schemactl_tmp_<purpose>_<random>),
// DROP DATABASE ... WITH (FORCE) on destruction; on an embedded cluster it is left
// for the cluster's removal, which drops it anyway (a drop costs a fifth of a second
// once the database holds a few hundred tables).
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
  bool embedded_;
  std::string name_;
  std::string conninfo_;
};

}  // namespace schemactl::engine
