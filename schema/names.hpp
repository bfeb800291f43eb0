// Quoting of identifiers and literals for every piece of SQL schemactl writes.
// Names with quotes, spaces, capitals, unicode or reserved words must survive.
#pragma once

#include <string>
#include <string_view>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// As PostgreSQL's quote_ident(): bare when lower-case, simple and not a keyword.
std::string quote_ident(std::string_view name);

// "schema"."name", each part quoted as needed.
std::string quote_name(const QualifiedName& name);

// A standard-conforming string literal: 'it''s'.
std::string quote_literal(std::string_view value);

// The human label of an object in messages: schema.name, quoted as needed.
inline std::string display_name(const QualifiedName& name) { return quote_name(name); }

}  // namespace schemactl::schema
