// The catalog as JSON, for machines (`schemactl inspect --format json`).
#pragma once

#include <string>

#include "schema/catalog.hpp"

namespace schemactl::schema {

std::string render_catalog_json(const Catalog& catalog);

}  // namespace schemactl::schema
