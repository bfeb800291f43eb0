// The catalog in a compact binary form, for schemactl's own caches: every field of
// every value type, read back into an equal catalog, about ten times faster than
// JSON. Only the binary that wrote it reads it (the layout follows the structs).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "schema/catalog.hpp"

namespace schemactl::schema {

std::string store_catalog(const Catalog& catalog);

// Throws std::runtime_error when `stored` is not a stored catalog.
Catalog load_catalog(std::string_view stored);

// A length-prefixed string, for files that hold stored catalogs among other things.
void store_string(std::string& out, std::string_view value);

// Writes `content` to a temporary file beside `file`, creating the folder, and
// renames it over `file`: a reader never sees half a file. Best effort: false when
// it could not, and no temporary file is left.
bool write_file_atomically(const std::filesystem::path& file, std::string_view content);

// The next stored string of `in`, which moves past it; throws std::runtime_error
// when `in` ends early.
std::string_view load_string(std::string_view& in);

}  // namespace schemactl::schema
