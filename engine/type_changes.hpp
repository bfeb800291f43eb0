// Changes to extensions and user types. Each is reported whole (the object before
// and after); which statements carry a change out, e.g. ADD VALUE for an enum or
// ADD ATTRIBUTE for a composite type, is the planner's business.
#pragma once

#include "schema/catalog.hpp"

namespace schemactl::engine {

template <typename Object>
struct Added { Object object; };
template <typename Object>
struct Dropped { Object object; };
template <typename Object>
struct Changed { Object from, to; };

using ExtensionAdded = Added<schema::Extension>;
using ExtensionDropped = Dropped<schema::Extension>;
using ExtensionChanged = Changed<schema::Extension>;
using EnumAdded = Added<schema::EnumType>;
using EnumDropped = Dropped<schema::EnumType>;
using EnumChanged = Changed<schema::EnumType>;
using DomainAdded = Added<schema::Domain>;
using DomainDropped = Dropped<schema::Domain>;
using DomainChanged = Changed<schema::Domain>;
using CompositeAdded = Added<schema::CompositeType>;
using CompositeDropped = Dropped<schema::CompositeType>;
using CompositeChanged = Changed<schema::CompositeType>;

}  // namespace schemactl::engine
