#include "engine/introspect_comments.hpp"

#include <algorithm>
#include <set>

#include <fmt/core.h>

#include "engine/introspect_sql.hpp"
#include "schema/comments.hpp"

namespace schemactl::engine {
namespace {

using introspect_sql::text;
using introspect_sql::user_schema;

// pg_description joined with the catalog of each kind of object by (classoid,
// objoid, objsubid). Columns: COMMENT ON's kind, schema (NULL when unqualified),
// name, member (a column, constraint, trigger or policy of the named object), the
// identity arguments of a routine, and the comment.
std::string comments_query() {
  return fmt::format(
      "SELECT CASE WHEN d.objsubid > 0 THEN 'COLUMN' ELSE CASE c.relkind WHEN 'v' THEN 'VIEW' "
      "    WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'i' THEN 'INDEX' ELSE 'TABLE' END END, "
      "  n.nspname, c.relname, a.attname, NULL::text, d.description "
      "FROM pg_description d JOIN pg_class c ON c.oid = d.objoid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid AND d.objsubid > 0 "
      "WHERE d.classoid = 'pg_class'::regclass AND {0} "
      "UNION ALL "
      "SELECT CASE WHEN con.contypid <> 0 THEN 'DOMAIN CONSTRAINT' ELSE 'CONSTRAINT' END, "
      "  n.nspname, coalesce(c.relname, t.typname), con.conname, NULL, d.description "
      "FROM pg_description d JOIN pg_constraint con ON con.oid = d.objoid "
      "JOIN pg_namespace n ON n.oid = con.connamespace "
      "LEFT JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_type t ON t.oid = con.contypid "
      "WHERE d.classoid = 'pg_constraint'::regclass AND d.objsubid = 0 AND {0} "
      "UNION ALL "
      "SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, n.nspname, p.proname, NULL, "
      "  pg_get_function_identity_arguments(p.oid), d.description "
      "FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid JOIN pg_namespace n ON n.oid = p.pronamespace "
      "WHERE d.classoid = 'pg_proc'::regclass AND d.objsubid = 0 AND {0} "
      "UNION ALL "
      "SELECT 'TRIGGER', n.nspname, c.relname, g.tgname, NULL, d.description "
      "FROM pg_description d JOIN pg_trigger g ON g.oid = d.objoid JOIN pg_class c ON c.oid = g.tgrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE d.classoid = 'pg_trigger'::regclass AND d.objsubid = 0 AND {0} "
      "UNION ALL "
      "SELECT 'POLICY', n.nspname, c.relname, pol.polname, NULL, d.description "
      "FROM pg_description d JOIN pg_policy pol ON pol.oid = d.objoid JOIN pg_class c ON c.oid = pol.polrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE d.classoid = 'pg_policy'::regclass AND d.objsubid = 0 AND {0} "
      "UNION ALL "
      "SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, n.nspname, t.typname, NULL, NULL, "
      "  d.description "
      "FROM pg_description d JOIN pg_type t ON t.oid = d.objoid JOIN pg_namespace n ON n.oid = t.typnamespace "
      "WHERE d.classoid = 'pg_type'::regclass AND d.objsubid = 0 AND {0} "
      "UNION ALL "
      "SELECT 'SCHEMA', NULL, n.nspname, NULL, NULL, d.description "
      "FROM pg_description d JOIN pg_namespace n ON n.oid = d.objoid "
      "WHERE d.classoid = 'pg_namespace'::regclass AND d.objsubid = 0 AND {0} "
      "UNION ALL "
      "SELECT 'EXTENSION', NULL, e.extname, NULL, NULL, d.description "
      "FROM pg_description d JOIN pg_extension e ON e.oid = d.objoid "
      "WHERE d.classoid = 'pg_extension'::regclass AND d.objsubid = 0",
      user_schema);
}

}  // namespace

std::vector<ReadComment> read_comments(pqxx::transaction_base& txn, const std::string& excluded) {
  std::vector<ReadComment> comments;
  for (const auto& row : txn.exec_params(comments_query(), excluded)) {
    schema::QualifiedName object{text(row[1]), row[2].as<std::string>()};
    comments.push_back(
        {{schema::comment_target(row[0].as<std::string>(), object, text(row[3]), text(row[4])), row[5].as<std::string>()},
         object});
  }
  std::sort(comments.begin(), comments.end(),
            [](const ReadComment& a, const ReadComment& b) { return a.comment.target < b.comment.target; });
  return comments;
}

std::vector<schema::ObjectComment> managed_comments(const std::vector<ReadComment>& comments,
                                                    const schema::Catalog& catalog) {
  std::set<schema::QualifiedName> named;
  for (const auto& comment : comments) named.insert(comment.object);
  auto managed = schema::comment_targets(catalog, &named);
  std::vector<schema::ObjectComment> kept;
  for (const auto& comment : comments)
    if (managed.contains(comment.comment.target)) kept.push_back(comment.comment);
  return kept;
}

}  // namespace schemactl::engine
