// SQL text for extensions, enums, domains and composite types: the statements the
// planner reuses and their part of the canonical script (render_sql).
// Statements are returned without a trailing semicolon.
#pragma once

#include <string>
#include <vector>

#include "schema/catalog.hpp"

namespace schemactl::schema {

// CREATE EXTENSION IF NOT EXISTS name WITH SCHEMA s VERSION 'v'
std::string create_extension_sql(const Extension& extension);

// CREATE TYPE name AS ENUM ('a', 'b')
std::string create_enum_sql(const EnumType& type);

// CREATE DOMAIN name AS base [COLLATE c] [DEFAULT e] [NOT NULL], then its validated
// constraints as "CONSTRAINT n CHECK (...)".
std::string create_domain_sql(const Domain& domain);

// ALTER DOMAIN d ADD CONSTRAINT n definition (NOT VALID included when the
// definition says so): how a NOT VALID constraint comes to exist.
std::string add_domain_constraint_sql(const QualifiedName& domain, const DomainConstraint& constraint);

// name type [COLLATE c]
std::string attribute_definition(const CompositeAttribute& attribute);

// CREATE TYPE name AS (attribute, ...)
std::string create_composite_sql(const CompositeType& type);

// What an object is, for plans and messages: "extension hstore", "enum public.mood".
std::string label(const Extension& extension);
std::string label(const EnumType& type);
std::string label(const Domain& domain);
std::string label(const CompositeType& type);

// The statements that create the catalog's types, in an order that works: enums,
// domains (then their NOT VALID constraints), composite types.
std::vector<std::string> type_statements(const Catalog& catalog);

}  // namespace schemactl::schema
