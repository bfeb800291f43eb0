#include "schema/names.hpp"

#include <array>
#include <unordered_set>

namespace schemactl::schema {
namespace {

// Keywords PostgreSQL 15 cannot take as bare column or table names: every category
// but UNRESERVED (SELECT word FROM pg_get_keywords() WHERE catcode <> 'U').
constexpr std::array keywords = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce", "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec", "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract", "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping", "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is", "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp", "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset", "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision", "primary", "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar", "smallint", "some", "substring", "symmetric", "table", "tablesample", "then", "time", "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values", "varchar", "variadic", "verbose", "when", "where", "window", "with", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable"};

// Hashed: every name rendered or compared is checked, 10^5 of them for 10,000 tables.
bool is_keyword(std::string_view word) {
  static const std::unordered_set<std::string_view> set(keywords.begin(), keywords.end());
  return set.contains(word);
}

bool needs_quotes(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return true;
  for (char c : name) {
    bool simple = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!simple) return true;
  }
  return is_keyword(name);
}

}  // namespace

std::string quote_ident(std::string_view name) {
  if (!needs_quotes(name)) return std::string(name);
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string quote_name(const QualifiedName& name) {
  return quote_ident(name.schema) + "." + quote_ident(name.name);
}

std::string quote_literal(std::string_view value) {
  // As PostgreSQL's quote_literal(): E'' with doubled backslashes when there are
  // any, so the literal means the same whatever standard_conforming_strings is.
  bool backslash = value.find('\\') != std::string_view::npos;
  std::string quoted = backslash ? "E'" : "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += c;
    quoted += c;
  }
  return quoted + '\'';
}

std::string truncate_identifier(std::string name) {
  if (name.size() > 63) {
    std::size_t cut = 63;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
  }
  return name;
}

std::size_t find_name(std::string_view sql, std::string_view quoted_name, std::size_t from) {
  auto continues_name = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           c == '"' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
  };
  for (auto at = sql.find(quoted_name, from); at != std::string_view::npos; at = sql.find(quoted_name, at + 1)) {
    std::size_t end = at + quoted_name.size();
    bool starts = at == 0 || !continues_name(sql[at - 1]);
    bool ends = end == sql.size() || !continues_name(sql[end]);
    if (starts && ends) return at;
  }
  return std::string_view::npos;
}

}  // namespace schemactl::schema
