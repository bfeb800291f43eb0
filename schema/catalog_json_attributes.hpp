// Internal to catalog_json.cpp: the JSON of comments and table settings.
#pragma once

#include <nlohmann/json.hpp>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// {"unlogged": .., "options": [..], "replica_identity": "default"|"full"|"nothing"|"index"[, "replica_identity_index": ..]}
nlohmann::ordered_json table_settings_json(const TableSettings& settings);

// Adds a "comments" array of {"object": target, "comment": text} to `out`.
void add_comments_json(nlohmann::ordered_json& out, const Catalog& catalog);

}  // namespace schemactl::schema
