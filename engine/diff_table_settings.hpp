// Internal to the diff: tables' settings.
#pragma once

#include "engine/diff.hpp"

namespace schemactl::engine {

// Appends a TableSettingsChanged for every kept table whose settings differ, and
// for every new table with a replica identity other than the default, by table.
void diff_table_settings(const schema::Catalog& from, const schema::Catalog& to, std::vector<Change>& out);

// Whether the two versions of an index differ in their storage parameters only
// (which pg_get_indexdef() shows as WITH (...)).
bool only_storage_parameters_differ(const schema::Index& from, const schema::Index& to);

}  // namespace schemactl::engine
