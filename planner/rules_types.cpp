#include "planner/rules_types.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include <fmt/format.h>

#include "engine/match_by_key.hpp"
#include "planner/enum_values.hpp"
#include "planner/preflight_checks.hpp"
#include "schema/ddl_types.hpp"
#include "schema/names.hpp"

namespace schemactl::planner {
namespace {

using engine::TxMode;
using schema::quote_ident;
using schema::quote_literal;
using schema::quote_name;

// A column of an existing table whose type is a given user type, or an array of it.
struct TypedColumn {
  const schema::Table* table;
  const schema::Column* column;
  bool array;
};

std::vector<TypedColumn> columns_of_type(const schema::Catalog& catalog, const schema::QualifiedName& type) {
  const std::string name = quote_name(type);
  std::vector<TypedColumn> found;
  for (const auto& table : catalog.tables)
    for (const auto& column : table.columns)
      if (column.type == name || column.type == name + "[]") found.push_back({&table, &column, column.type != name});
  return found;
}

// The domains and composite types built on a type, as labels.
std::vector<std::string> types_using(const schema::Catalog& catalog, const schema::QualifiedName& type) {
  const std::string name = quote_name(type);
  auto is_type = [&](const std::string& t) { return t == name || t == name + "[]"; };
  std::vector<std::string> users;
  for (const auto& domain : catalog.domains)
    if (is_type(domain.base_type)) users.push_back(schema::label(domain));
  for (const auto& composite : catalog.composite_types)
    if (std::any_of(composite.attributes.begin(), composite.attributes.end(),
                    [&](const schema::CompositeAttribute& a) { return is_type(a.type); }))
      users.push_back(schema::label(composite));
  return users;
}

// A change PostgreSQL would refuse half-way through the migration is refused while
// planning instead.
void refuse_if_used(const std::vector<std::string>& users, std::string_view change) {
  if (users.empty()) return;
  std::string list;
  for (const auto& user : users) list += (list.empty() ? "" : ", ") + user;
  throw std::runtime_error(fmt::format("{}, but {} uses it: stop using it there in an earlier migration", change, list));
}

std::string column_object(const TypedColumn& use) {
  return quote_name(use.table->name) + "." + quote_ident(use.column->name);
}

// PostgreSQL writes a NOT VALID constraint's definition with the suffix already.
std::string not_valid(const std::string& definition) {
  return definition.ends_with(" NOT VALID") ? definition : definition + " NOT VALID";
}

// The hazards of a step that scans every column of the type while holding a SHARE
// lock on its table: none when no existing table uses it.
std::vector<Hazard> blocks_writes_of(const std::vector<TypedColumn>& uses) {
  return uses.empty() ? std::vector<Hazard>{} : std::vector<Hazard>{Hazard::blocks_writes};
}

}  // namespace

bool moved_with_extension(const schema::Catalog& from, const schema::Catalog& to, std::string_view from_type,
                          std::string_view to_type) {
  for (const auto& current : from.extensions) {
    auto desired = std::find_if(to.extensions.begin(), to.extensions.end(),
                                [&](const schema::Extension& e) { return e.name == current.name; });
    if (desired == to.extensions.end() || desired->schema == current.schema) continue;
    auto old_prefix = quote_ident(current.schema) + ".";
    auto new_prefix = quote_ident(desired->schema) + ".";
    if (from_type.starts_with(old_prefix) && to_type.starts_with(new_prefix) &&
        from_type.substr(old_prefix.size()) == to_type.substr(new_prefix.size()))
      return true;
  }
  return false;
}

void TypeRules::operator()(const engine::ExtensionAdded& c) {
  add_step(out, Stage::create_extension, schema::create_extension_sql(c.object), TxMode::shared,
           quote_ident(c.object.name), "a new extension; IF NOT EXISTS: it may be installed already");
}

void TypeRules::operator()(const engine::ExtensionDropped& c) {
  add_step(out, Stage::drop_extension, "DROP EXTENSION " + quote_ident(c.object.name), TxMode::shared,
           quote_ident(c.object.name),
           "no CASCADE: what uses it is dropped by earlier steps; code calling its functions is not tracked",
           {Hazard::untrackable_dependency});
}

void TypeRules::operator()(const engine::ExtensionChanged& c) {
  const auto name = quote_ident(c.to.name);
  if (c.from.schema != c.to.schema) {
    add_step(out, Stage::alter_extension,
             fmt::format("ALTER EXTENSION {} SET SCHEMA {}", name, quote_ident(c.to.schema)), TxMode::shared, name,
             "moves its objects; only a relocatable extension can move", {Hazard::untrackable_dependency});
  }
  if (c.from.version != c.to.version) {
    add_step(out, Stage::alter_extension,
             fmt::format("ALTER EXTENSION {} UPDATE TO {}", name, quote_literal(c.to.version)), TxMode::shared,
             name, fmt::format("runs the extension's own update script from {} to {}", c.from.version, c.to.version));
  }
}

void TypeRules::operator()(const engine::EnumAdded& c) {
  add_step(out, Stage::create_enum, schema::create_enum_sql(c.object), TxMode::shared, quote_name(c.object.name),
           "a new type, before the columns that use it");
}

void TypeRules::operator()(const engine::EnumDropped& c) {
  add_step(out, Stage::drop_enum, "DROP TYPE " + quote_name(c.object.name), TxMode::shared,
           quote_name(c.object.name), "after the columns that used it are gone");
}

void TypeRules::operator()(const engine::EnumChanged& c) {
  const auto name = quote_name(c.to.name);
  auto additions = enum_value_additions(c.from.values, c.to.values);
  if (!additions) {
    std::vector<std::string> removed;
    for (const auto& value : c.from.values)
      if (std::find(c.to.values.begin(), c.to.values.end(), value) == c.to.values.end()) removed.push_back(value);
    replace_type(
        c.to.name, [&](const schema::QualifiedName& temporary) { return schema::create_enum_sql({temporary, c.to.values}); },
        "text", removed);
    return;
  }
  for (const auto& addition : *additions) {
    auto sql = fmt::format("ALTER TYPE {} ADD VALUE IF NOT EXISTS {}", name, quote_literal(addition.value));
    if (!addition.position.empty()) sql += " " + addition.position;
    add_step(out, Stage::add_enum_value, std::move(sql), TxMode::none, name,
             "outside a transaction: a value added in one cannot be used until it commits");
    if (addition.position.empty()) out.back().planned.lint_ignore = "enum-value-without-position the type has no values yet";
  }
}

// A value cannot be removed from an enum, nor moved, and a domain's base type or
// collation cannot change: a new type is created under a temporary name (by
// `create`), every column is converted to it (through `via` when no cast leads
// there directly), then the old type is dropped and the new one takes its name.
// Column defaults move to the new type in the same statement. Rows holding one of
// `removed_values` would fail the conversion: a preflight counts them.
void TypeRules::replace_type(const schema::QualifiedName& type,
                             const std::function<std::string(const schema::QualifiedName&)>& create,
                             std::string_view via, const std::vector<std::string>& removed_values) {
  const auto name = quote_name(type);
  // Only table columns are moved to the new type; DROP TYPE would fail on the rest.
  refuse_if_used(types_using(from, type),
                 name + " must be replaced by a new type and only table columns can be moved to it");
  const schema::QualifiedName temporary{type.schema, schema::truncate_identifier("schemactl_new_" + type.name)};
  const auto temporary_name = quote_name(temporary);
  add_step(out, Stage::replace_type, create(temporary), TxMode::shared, name,
           "the desired type, under a temporary name until the old one is gone");

  std::string removed;
  for (const auto& value : removed_values) removed += (removed.empty() ? "" : ", ") + quote_literal(value);
  for (const auto& use : columns_of_type(from, type)) {
    const auto column = quote_ident(use.column->name);
    const std::string suffix = use.array ? "[]" : "";
    const std::string through = via.empty() ? std::string{} : fmt::format("::{}{}", via, suffix);
    auto alter = fmt::format("ALTER TABLE {} ", quote_name(use.table->name));
    std::string default_expr;
    if (const auto* table = schema::find_table(to, use.table->name))
      if (const auto* wanted = schema::find_column(*table, use.column->name)) default_expr = wanted->default_expr;
    if (!use.column->default_expr.empty()) alter += fmt::format("ALTER COLUMN {} DROP DEFAULT, ", column);
    alter += fmt::format("ALTER COLUMN {0} TYPE {1}{2} USING {0}{3}::{1}{2}", column, temporary_name, suffix, through);
    if (!default_expr.empty())
      alter += fmt::format(", ALTER COLUMN {} SET DEFAULT {}", column,
                           retype_casts(default_expr, name, temporary_name));
    add_step(out, Stage::replace_type, std::move(alter), TxMode::own, column_object(use),
             "each value is converted to the new type: rewrites the table", {Hazard::table_rewrite});
    if (!removed.empty()) {
      auto condition = use.array ? fmt::format("{}::text[] && ARRAY[{}]", column, removed)
                                 : fmt::format("{}::text IN ({})", column, removed);
      out.back().planned.step.preflight.push_back(
          {fmt::format("values of {} that {} no longer has", column_object(use), name),
           fmt::format("SELECT * FROM {} WHERE {}", quote_name(use.table->name), condition)});
    }
  }
  add_step(out, Stage::replace_type, "DROP TYPE " + name, TxMode::shared, name, "no column uses it any more");
  add_step(out, Stage::replace_type,
           fmt::format("ALTER TYPE {} RENAME TO {}", temporary_name, quote_ident(type.name)), TxMode::shared, name,
           "the new type takes the old one's name");
  out.back().planned.lint_ignore = "rename a temporary name, not one the application uses";
}

void TypeRules::operator()(const engine::DomainAdded& c) {
  const auto name = quote_name(c.object.name);
  add_step(out, Stage::create_domain, schema::create_domain_sql(c.object), TxMode::shared, name,
           "a new type, before the columns that use it");
  for (const auto& constraint : c.object.constraints)
    if (!constraint.validated)
      add_step(out, Stage::alter_domain, schema::add_domain_constraint_sql(c.object.name, constraint),
               TxMode::shared, name + "." + quote_ident(constraint.name), "declared NOT VALID");
}

void TypeRules::operator()(const engine::DomainDropped& c) {
  add_step(out, Stage::drop_domain, "DROP DOMAIN " + quote_name(c.object.name), TxMode::shared,
           quote_name(c.object.name), "after the columns that used it are gone");
}

void TypeRules::operator()(const engine::DomainChanged& c) {
  const auto& a = c.from;
  const auto& b = c.to;
  const auto name = quote_name(b.name);
  const auto alter = "ALTER DOMAIN " + name;
  if (a.base_type != b.base_type || a.collation != b.collation) {
    replace_type(
        b.name,
        [&](const schema::QualifiedName& temporary) {
          schema::Domain replacement = b;
          replacement.name = temporary;
          std::string sql = schema::create_domain_sql(replacement);
          for (const auto& constraint : b.constraints)
            if (!constraint.validated) sql += ";\n" + schema::add_domain_constraint_sql(temporary, constraint);
          return sql;
        },
        "", {});
    return;
  }
  const auto uses = columns_of_type(from, b.name);
  // Changed constraints are dropped before they are added back under the same name.
  std::vector<schema::DomainConstraint> added;
  engine::match_by_key(
      a.constraints, b.constraints, [](const schema::DomainConstraint& k) { return k.name; },
      [&](const schema::DomainConstraint& k) {
        add_step(out, Stage::alter_domain, alter + " DROP CONSTRAINT " + quote_ident(k.name), TxMode::shared,
                 name + "." + quote_ident(k.name), "dropping a constraint only loosens what the type accepts");
        out.back().planned.lint_ignore = "drop-constraint the desired schema no longer declares it";
      },
      [&](const schema::DomainConstraint& k) { added.push_back(k); },
      [&](const schema::DomainConstraint& x, const schema::DomainConstraint& y) {
        if (x == y) return;
        add_step(out, Stage::alter_domain, alter + " DROP CONSTRAINT " + quote_ident(x.name), TxMode::shared,
                 name + "." + quote_ident(x.name), "redefined: dropped, then added back");
        out.back().planned.lint_ignore = "drop-constraint it is added back with its new definition";
        added.push_back(y);
      });
  for (const auto& k : added) {
    const auto object = name + "." + quote_ident(k.name);
    add_step(out, Stage::alter_domain,
             fmt::format("{} ADD CONSTRAINT {} {}", alter, quote_ident(k.name), not_valid(k.definition)),
             TxMode::shared, object, "NOT VALID: existing values are checked later");
    if (k.validated)
      add_step(out, Stage::validate_constraint, fmt::format("{} VALIDATE CONSTRAINT {}", alter, quote_ident(k.name)),
               TxMode::own, object, "scans every column of the type; its tables take no new writes meanwhile",
               blocks_writes_of(uses));
  }
  if (a.default_expr != b.default_expr) {
    if (b.default_expr.empty())
      add_step(out, Stage::drop_default, alter + " DROP DEFAULT", TxMode::shared, name,
               "old code may rely on the default, so after the deploy");
    else
      add_step(out, Stage::alter_domain, alter + " SET DEFAULT " + b.default_expr, TxMode::shared, name,
               "metadata only: applies to new values");
  }
  if (a.not_null && !b.not_null) {
    add_step(out, Stage::alter_domain, alter + " DROP NOT NULL", TxMode::shared, name, "metadata only");
  } else if (!a.not_null && b.not_null) {
    add_step(out, Stage::validate_constraint, alter + " SET NOT NULL", TxMode::own, name,
             "scans every column of the type (a domain has no NOT VALID NOT NULL)", blocks_writes_of(uses));
    for (const auto& use : uses) out.back().planned.step.preflight.push_back(no_nulls(use.table->name, use.column->name));
  }
}

void TypeRules::operator()(const engine::CompositeAdded& c) {
  add_step(out, Stage::create_composite, schema::create_composite_sql(c.object), TxMode::shared,
           quote_name(c.object.name), "a new type, before the columns that use it");
}

void TypeRules::operator()(const engine::CompositeDropped& c) {
  add_step(out, Stage::drop_composite, "DROP TYPE " + quote_name(c.object.name), TxMode::shared,
           quote_name(c.object.name), "after the columns that used it are gone");
}

namespace {

bool has_attribute(const schema::CompositeType& type, const std::string& attribute) {
  return std::any_of(type.attributes.begin(), type.attributes.end(),
                     [&](const schema::CompositeAttribute& a) { return a.name == attribute; });
}

}  // namespace

bool recreates_composite(const engine::CompositeChanged& c) {
  std::vector<std::string> kept_from, kept_to;
  for (const auto& a : c.from.attributes)
    if (has_attribute(c.to, a.name)) kept_from.push_back(a.name);
  bool appended_only = true;
  for (const auto& a : c.to.attributes) {
    if (has_attribute(c.from, a.name)) {
      kept_to.push_back(a.name);
      appended_only = appended_only && kept_to.size() == static_cast<std::size_t>(&a - c.to.attributes.data()) + 1;
    }
  }
  return kept_from != kept_to || !appended_only;
}

// Attributes are positional: ADD ATTRIBUTE appends, so the type is altered in place
// when the attributes it keeps stay in order and the new ones come last; otherwise
// it is dropped and created again, which only works while no column uses it.
void TypeRules::operator()(const engine::CompositeChanged& c) {
  const auto name = quote_name(c.to.name);
  bool recreated = recreates_composite(c);
  const auto uses = columns_of_type(from, c.to.name);
  auto users = types_using(from, c.to.name);
  for (const auto& use : uses) users.push_back("column " + column_object(use));
  bool retyped = std::any_of(c.to.attributes.begin(), c.to.attributes.end(), [&](const schema::CompositeAttribute& a) {
    return std::any_of(c.from.attributes.begin(), c.from.attributes.end(),
                       [&](const schema::CompositeAttribute& b) { return a.name == b.name && !(a == b); });
  });
  if (recreated || retyped)
    refuse_if_used(users, name + ": attributes reordered or of a new type, which PostgreSQL allows only while "
                                 "nothing uses the type");
  if (recreated) {
    add_step(out, Stage::alter_composite, "DROP TYPE " + name + ";\n" + schema::create_composite_sql(c.to),
             TxMode::shared, name, "attributes are positional: reordered, the type is created again");
    return;
  }
  const auto alter = "ALTER TYPE " + name;
  engine::match_by_key(
      c.from.attributes, c.to.attributes, [](const schema::CompositeAttribute& a) { return a.name; },
      [&](const schema::CompositeAttribute& a) {
        add_step(out, Stage::drop_column, alter + " DROP ATTRIBUTE " + quote_ident(a.name), TxMode::shared,
                 name + "." + quote_ident(a.name),
                 uses.empty() ? "no column uses the type" : "the attribute's values in every column of the type are lost",
                 uses.empty() ? std::vector<Hazard>{} : std::vector<Hazard>{Hazard::deletes_data});
      },
      [&](const schema::CompositeAttribute& a) {
        add_step(out, Stage::alter_composite, alter + " ADD ATTRIBUTE " + schema::attribute_definition(a),
                 TxMode::shared, name + "." + quote_ident(a.name), "metadata only: existing values read it as NULL");
      },
      [&](const schema::CompositeAttribute& x, const schema::CompositeAttribute& y) {
        if (x == y) return;
        auto collate = y.collation.empty() ? std::string{} : " COLLATE " + y.collation;
        add_step(out, Stage::alter_composite,
                 fmt::format("{} ALTER ATTRIBUTE {} SET DATA TYPE {}{}", alter, quote_ident(y.name), y.type, collate),
                 TxMode::shared, name + "." + quote_ident(y.name),
                 "nothing uses the type: metadata only");
      });
}

}  // namespace schemactl::planner
