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

// A string literal: 'it''s', E'a\\b' when it holds a backslash (as PostgreSQL's quote_literal).
std::string quote_literal(std::string_view value);

// A generated name cut to PostgreSQL's 63 bytes, on a UTF-8 character boundary,
// as the server would otherwise truncate it (possibly mid-character).
std::string truncate_identifier(std::string name);

// Where `sql` mentions `quoted_name` (as quote_ident/quote_name write it) as a whole
// name, not as part of a longer one, at or after `from`; npos when it does not.
// Textual: a mention inside a string literal counts too.
std::size_t find_name(std::string_view sql, std::string_view quoted_name, std::size_t from = 0);

// The human label of an object in messages: schema.name, quoted as needed.
inline std::string display_name(const QualifiedName& name) { return quote_name(name); }

}  // namespace schemactl::schema
