#include "schema/catalog_json_attributes.hpp"

namespace schemactl::schema {
namespace {

std::string_view replica_identity_name(ReplicaIdentity identity) {
  switch (identity) {
    case ReplicaIdentity::default_key: return "default";
    case ReplicaIdentity::full: return "full";
    case ReplicaIdentity::nothing: return "nothing";
    case ReplicaIdentity::index: return "index";
  }
  return "";
}

}  // namespace

nlohmann::ordered_json table_settings_json(const TableSettings& settings) {
  nlohmann::ordered_json out = {{"unlogged", settings.unlogged},
                                {"options", settings.options},
                                {"replica_identity", replica_identity_name(settings.replica_identity)}};
  if (settings.replica_identity == ReplicaIdentity::index) out["replica_identity_index"] = settings.replica_identity_index;
  return out;
}

void add_comments_json(nlohmann::ordered_json& out, const Catalog& catalog) {
  out["comments"] = nlohmann::ordered_json::array();
  for (const auto& comment : catalog.comments)
    out["comments"].push_back({{"object", comment.target}, {"comment", comment.text}});
}

}  // namespace schemactl::schema
