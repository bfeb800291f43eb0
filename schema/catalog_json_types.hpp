// Internal to catalog_json.cpp: the JSON of extensions and types.
#pragma once

#include <nlohmann/json.hpp>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// Adds "extensions", "enums", "domains" and "composite_types" arrays to `out`.
void add_types_json(nlohmann::ordered_json& out, const Catalog& catalog);

}  // namespace schemactl::schema
