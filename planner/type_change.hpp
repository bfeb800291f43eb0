// Which column type changes PostgreSQL makes without rewriting the table.
#pragma once

#include <string_view>

namespace schemactl::planner {

// True when ALTER COLUMN ... TYPE from `from` to `to` is binary-coercible and only
// widens (no rewrite, no scan): varchar(n) -> varchar(m >= n) / varchar / text,
// text -> varchar, numeric(p,s) -> numeric(p2 >= p, s) / numeric,
// varbit(n) -> varbit(m >= n), cidr -> inet. Types are as format_type() writes them.
bool changes_in_place(std::string_view from, std::string_view to);

}  // namespace schemactl::planner
