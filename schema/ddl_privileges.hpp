// DDL of table and column privileges: GRANT and REVOKE, one privilege each. Every
// identifier is quoted; PUBLIC is the keyword.
#pragma once

#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// GRANT privilege [(column)] ON TABLE|SEQUENCE object TO grantee [WITH GRANT OPTION]
std::string grant_sql(const Privilege& privilege);

// REVOKE privilege [(column)] ON TABLE|SEQUENCE object FROM grantee
std::string revoke_sql(const Privilege& privilege);

// REVOKE GRANT OPTION FOR privilege [(column)] ON ... FROM grantee: the privilege stays.
std::string revoke_grant_option_sql(const Privilege& privilege);

// The grantee as SQL: PUBLIC, or the quoted role name.
std::string grantee_sql(const std::string& grantee);

// What a privilege is, for plans and messages: SELECT (email) on public.t to "Readers".
std::string label(const Privilege& privilege);

// The roles the catalog's privileges are granted to, PUBLIC aside; sorted, unique.
std::vector<std::string> grantees(const Catalog& catalog);

// The GRANT statements of the catalog's privileges, in its order.
std::vector<std::string> privilege_statements(const Catalog& catalog);

}  // namespace schemactl::schema
