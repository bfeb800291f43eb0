#include "schema/ddl_types.hpp"

#include <fmt/format.h>

#include "schema/names.hpp"

namespace schemactl::schema {
namespace {

std::string collate_clause(const std::string& collation) {
  return collation.empty() ? std::string{} : " COLLATE " + collation;
}

}  // namespace

std::string create_extension_sql(const Extension& extension) {
  return fmt::format("CREATE EXTENSION IF NOT EXISTS {} WITH SCHEMA {} VERSION {}", quote_ident(extension.name),
                     quote_ident(extension.schema), quote_literal(extension.version));
}

std::string create_enum_sql(const EnumType& type) {
  std::string values;
  for (const auto& value : type.values) values += (values.empty() ? "" : ", ") + quote_literal(value);
  return fmt::format("CREATE TYPE {} AS ENUM ({})", quote_name(type.name), values);
}

std::string create_domain_sql(const Domain& domain) {
  std::string sql = fmt::format("CREATE DOMAIN {} AS {}{}", quote_name(domain.name), domain.base_type,
                                collate_clause(domain.collation));
  if (!domain.default_expr.empty()) sql += " DEFAULT " + domain.default_expr;
  if (domain.not_null) sql += " NOT NULL";
  for (const auto& constraint : domain.constraints)
    if (constraint.validated) sql += "\n    CONSTRAINT " + quote_ident(constraint.name) + " " + constraint.definition;
  return sql;
}

std::string add_domain_constraint_sql(const QualifiedName& domain, const DomainConstraint& constraint) {
  return fmt::format("ALTER DOMAIN {} ADD CONSTRAINT {} {}", quote_name(domain), quote_ident(constraint.name),
                     constraint.definition);
}

std::string attribute_definition(const CompositeAttribute& attribute) {
  return quote_ident(attribute.name) + " " + attribute.type + collate_clause(attribute.collation);
}

std::string create_composite_sql(const CompositeType& type) {
  std::string sql = "CREATE TYPE " + quote_name(type.name) + " AS (";
  for (std::size_t i = 0; i < type.attributes.size(); ++i)
    sql += "\n    " + attribute_definition(type.attributes[i]) + (i + 1 < type.attributes.size() ? "," : "\n");
  return sql + ")";
}

std::string label(const Extension& extension) { return "extension " + quote_ident(extension.name); }
std::string label(const EnumType& type) { return "enum " + quote_name(type.name); }
std::string label(const Domain& domain) { return "domain " + quote_name(domain.name); }
std::string label(const CompositeType& type) { return "composite type " + quote_name(type.name); }

std::vector<std::string> type_statements(const Catalog& catalog) {
  std::vector<std::string> statements;
  for (const auto& type : catalog.enums) statements.push_back(create_enum_sql(type));
  for (const auto& domain : catalog.domains) statements.push_back(create_domain_sql(domain));
  for (const auto& domain : catalog.domains)
    for (const auto& constraint : domain.constraints)
      if (!constraint.validated) statements.push_back(add_domain_constraint_sql(domain.name, constraint));
  for (const auto& type : catalog.composite_types) statements.push_back(create_composite_sql(type));
  return statements;
}

}  // namespace schemactl::schema
