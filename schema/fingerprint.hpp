// A short identity of a schema: equal catalogs have equal fingerprints, and any
// difference in the rendered script (unmanaged objects included) changes it.
#pragma once

#include <string>
#include <string_view>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// "sha256:" followed by the lowercase hex SHA-256 of render_sql(catalog).
std::string fingerprint(const Catalog& catalog);

// The lowercase hex SHA-256 of `bytes`; also what the migration sum file chains.
std::string sha256_hex(std::string_view bytes);

}  // namespace schemactl::schema
