#include "schema/comments.hpp"

#include <algorithm>

#include "schema/names.hpp"

namespace schemactl::schema {

std::string comment_target(std::string_view kind, const QualifiedName& name, std::string_view member,
                           std::string_view arguments) {
  std::string object = name.schema.empty() ? quote_ident(name.name) : quote_name(name);
  if (kind == "COLUMN") return "COLUMN " + object + "." + quote_ident(member);
  if (kind == "DOMAIN CONSTRAINT") return "CONSTRAINT " + quote_ident(member) + " ON DOMAIN " + object;
  if (!member.empty()) return std::string(kind) + " " + quote_ident(member) + " ON " + object;
  if (kind == "FUNCTION" || kind == "PROCEDURE") return std::string(kind) + " " + object + "(" + std::string(arguments) + ")";
  return std::string(kind) + " " + object;
}

std::string view_comment_target(const View& view) {
  return comment_target(view.materialized ? "MATERIALIZED VIEW" : "VIEW", view.name);
}

std::string function_comment_target(const Function& function) {
  return comment_target(function.procedure ? "PROCEDURE" : "FUNCTION", function.name, {}, function.identity_arguments);
}

namespace {

bool has_named_part(const std::set<QualifiedName>* named, const QualifiedName& relation,
                    const std::vector<Index>& indexes, const std::vector<Constraint>& constraints = {}) {
  auto named_index = [&](const std::string& index) { return named->contains({relation.schema, index}); };
  return !named || named->contains(relation) ||
         std::any_of(indexes.begin(), indexes.end(), [&](const Index& index) {
           return named_index(index.name) || std::any_of(index.attached.begin(), index.attached.end(),
                                                         [&](const AttachedIndex& a) {
                                                           return named->contains({a.table.schema, a.name});
                                                         });
         }) ||
         std::any_of(constraints.begin(), constraints.end(), [&](const Constraint& c) {
           return has_index(c) && named_index(c.name);
         });
}

void add_relation_parts(std::set<std::string>& targets, const QualifiedName& relation,
                        const std::vector<Column>& columns, const std::vector<Index>& indexes) {
  for (const auto& column : columns) targets.insert(comment_target("COLUMN", relation, column.name));
  for (const auto& index : indexes)
    for (auto& target : index_comment_targets(relation, index)) targets.insert(std::move(target));
}

}  // namespace

std::vector<std::string> index_comment_targets(const QualifiedName& relation, const Index& index) {
  std::vector<std::string> targets{comment_target("INDEX", {relation.schema, index.name})};
  for (const auto& attached : index.attached)
    targets.push_back(comment_target("INDEX", {attached.table.schema, attached.name}));
  return targets;
}

bool has_index(const Constraint& constraint) {
  return constraint.kind == ConstraintKind::primary_key || constraint.kind == ConstraintKind::unique ||
         constraint.kind == ConstraintKind::exclusion;
}

std::string constraint_index_comment_target(const QualifiedName& table, const Constraint& constraint) {
  return comment_target("INDEX", {table.schema, constraint.name});
}

std::set<std::string> comment_targets(const Catalog& catalog, const std::set<QualifiedName>* named) {
  std::set<std::string> targets;
  for (const auto& schema : catalog.schemas) targets.insert(comment_target("SCHEMA", {"", schema}));
  for (const auto& extension : catalog.extensions) targets.insert(comment_target("EXTENSION", {"", extension.name}));
  for (const auto& type : catalog.enums) targets.insert(comment_target("TYPE", type.name));
  for (const auto& type : catalog.composite_types) {
    targets.insert(comment_target("TYPE", type.name));
    for (const auto& attribute : type.attributes) targets.insert(comment_target("COLUMN", type.name, attribute.name));
  }
  for (const auto& domain : catalog.domains) {
    targets.insert(comment_target("DOMAIN", domain.name));
    for (const auto& constraint : domain.constraints)
      targets.insert(comment_target("DOMAIN CONSTRAINT", domain.name, constraint.name));
  }
  for (const auto& sequence : catalog.sequences) targets.insert(comment_target("SEQUENCE", sequence.name));
  for (const auto& table : catalog.tables) {
    targets.insert(comment_target("TABLE", table.name));
    if (!has_named_part(named, table.name, table.indexes, table.constraints)) continue;
    add_relation_parts(targets, table.name, table.columns, table.indexes);
    for (const auto& constraint : table.constraints) {
      targets.insert(comment_target("CONSTRAINT", table.name, constraint.name));
      if (has_index(constraint)) targets.insert(constraint_index_comment_target(table.name, constraint));
    }
  }
  for (const auto& view : catalog.views) {
    targets.insert(view_comment_target(view));
    if (has_named_part(named, view.name, view.indexes)) add_relation_parts(targets, view.name, view.columns, view.indexes);
  }
  for (const auto& function : catalog.functions) targets.insert(function_comment_target(function));
  for (const auto& trigger : catalog.triggers) targets.insert(comment_target("TRIGGER", trigger.table, trigger.name));
  for (const auto& policy : catalog.policies) targets.insert(comment_target("POLICY", policy.table, policy.name));
  return targets;
}

std::string comment_sql(std::string_view target, std::string_view text) {
  return "COMMENT ON " + std::string(target) + " IS " + (text.empty() ? std::string("NULL") : quote_literal(text));
}

}  // namespace schemactl::schema
