// The catalog model of extensions and of the types a user creates: enums, domains
// and composite types. Plain values, part of schema::Catalog; like the rest of the
// catalog, type names and expressions are PostgreSQL's own text (format_type,
// pg_get_expr, pg_get_constraintdef), read with an empty search_path.
#pragma once

#include <string>
#include <vector>

#include "schema/qualified_name.hpp"

namespace schemactl::schema {

struct Extension {
  std::string name;
  std::string schema;   // where its objects live
  std::string version;  // as installed: the default version unless one was asked for
  bool operator==(const Extension&) const = default;
};

struct EnumType {
  QualifiedName name;
  std::vector<std::string> values;  // in sort order
  bool operator==(const EnumType&) const = default;
};

struct DomainConstraint {
  std::string name;
  std::string definition;  // pg_get_constraintdef(): "CHECK ((VALUE > 0))", " NOT VALID" when not validated
  bool validated = true;
  bool operator==(const DomainConstraint&) const = default;
};

struct Domain {
  QualifiedName name;
  std::string base_type;     // format_type(): "character varying(40)", "public.citext"
  std::string collation;     // qualified, empty when it is the base type's default
  std::string default_expr;  // pg_get_expr(); empty when none
  bool not_null = false;
  std::vector<DomainConstraint> constraints;  // CHECK constraints, by name
  bool operator==(const Domain&) const = default;
};

struct CompositeAttribute {
  std::string name;
  std::string type;       // format_type()
  std::string collation;  // qualified, empty when it is the type's default
  bool operator==(const CompositeAttribute&) const = default;
};

struct CompositeType {
  QualifiedName name;
  std::vector<CompositeAttribute> attributes;  // by position
  bool operator==(const CompositeType&) const = default;
};

}  // namespace schemactl::schema
