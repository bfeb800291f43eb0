// DDL of row-level security: a table's ENABLE/FORCE ROW LEVEL SECURITY and its
// policies. Every identifier is quoted; expressions are PostgreSQL's own
// (pg_get_expr), so they are used as they are.
#pragma once

#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// CREATE POLICY name ON table AS PERMISSIVE|RESTRICTIVE FOR command TO roles [USING (...)] [WITH CHECK (...)]
std::string create_policy_sql(const Policy& policy);
std::string drop_policy_sql(const Policy& policy);

// ALTER POLICY name ON table TO roles [USING (...)] [WITH CHECK (...)]: the roles
// and the expressions `to` has. Cannot remove an expression, nor change the
// command or AS PERMISSIVE|RESTRICTIVE.
std::string alter_policy_sql(const Policy& to);

// ALTER TABLE t ENABLE|DISABLE ROW LEVEL SECURITY, and/or FORCE|NO FORCE, for the
// switches that differ between `from` and `to`; empty when none.
std::string row_security_sql(const QualifiedName& table, const RowSecurity& from, const RowSecurity& to);

// What a policy is, for plans and messages: policy "p" on public.t.
std::string label(const Policy& policy);

// The statements that give the catalog's tables their row-level security: the
// ALTER TABLEs, then the policies.
std::vector<std::string> row_security_statements(const Catalog& catalog);

}  // namespace schemactl::schema
