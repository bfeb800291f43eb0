// Changes of table and column privileges: granted, revoked, or only the grant
// option changed (`from` and `to` differ in `grantable` alone).
#pragma once

#include "engine/type_changes.hpp"
#include "schema/catalog.hpp"

namespace schemactl::engine {

using PrivilegeGranted = Added<schema::Privilege>;
using PrivilegeRevoked = Dropped<schema::Privilege>;
using GrantOptionChanged = Changed<schema::Privilege>;

}  // namespace schemactl::engine
