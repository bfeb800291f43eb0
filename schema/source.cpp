#include "schema/source.hpp"

#include <glob.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pg_query.h>

#include "schema/catalog_store.hpp"
#include "schema/topological_order.hpp"

namespace schemactl::schema {
namespace {

using nlohmann::json;

// ---- Positions and messages --------------------------------------------------------

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// libpg_query reports error positions in characters (PostgreSQL's errposition counts
// multibyte characters), while parse tree locations are bytes.
std::size_t byte_offset_of_character(std::string_view text, int character) {
  std::size_t offset = 0;
  for (int seen = 0; offset < text.size(); ++offset) {
    if (is_utf8_continuation(text[offset])) continue;
    if (seen++ == character) break;
  }
  return offset;
}

struct Position {
  int line;
  int column;  // in characters, so a caret lines up under multibyte text
  std::string_view line_text;
};

// A file's text with where its lines start, found once: a file holds many statements.
class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }

  Position position_of(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    std::size_t end = line + 1 == starts_.end() ? text_.size() : *(line + 1) - 1;
    std::string_view line_text = text_.substr(*line, end - *line);
    if (line_text.ends_with('\r')) line_text.remove_suffix(1);
    int column = 1;
    for (std::size_t i = *line; i < offset; ++i) column += !is_utf8_continuation(text_[i]);
    return {static_cast<int>(line - starts_.begin()) + 1, column, line_text};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_{0};
};

// "file:line:col: message", then the line and a caret under the column. The caret's
// padding copies the line's tabs so it lines up in a terminal.
[[noreturn]] void fail_at(const std::string& file, const Lines& lines, std::size_t offset, std::string_view message) {
  Position at = lines.position_of(offset);
  std::string padding;
  int column = 1;
  for (std::size_t i = 0; i < at.line_text.size() && column < at.column; ++i) {
    if (is_utf8_continuation(at.line_text[i])) continue;
    padding += at.line_text[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  padding.append(static_cast<std::size_t>(at.column - column), ' ');  // past the line's end
  throw SchemaError(
      fmt::format("{}:{}:{}: {}\n    {}\n    {}^", file, at.line, at.column, message, at.line_text, padding));
}

// ---- Tokens ---------------------------------------------------------------------------

// A statement's span in the parse result runs from the end of the previous statement
// to its semicolon, comments included; the scanner tells where its real tokens are.
struct Token {
  std::size_t start;
  std::size_t end;
  bool comment;
};

std::uint64_t read_varint(std::string_view data, std::size_t& pos) {
  std::uint64_t value = 0;
  for (int shift = 0; pos < data.size() && shift < 64; shift += 7) {
    auto byte = static_cast<unsigned char>(data[pos++]);
    value |= std::uint64_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80)) break;
  }
  return value;
}

// Calls field(number, varint, bytes) for each field of one protobuf message. ScanResult
// and ScanToken only use varints (0) and length-delimited fields (2).
template <class Field>
void for_each_field(std::string_view message, Field field) {
  std::size_t pos = 0;
  while (pos < message.size()) {
    std::uint64_t key = read_varint(message, pos);
    switch (key & 7) {
      case 0:
        field(key >> 3, read_varint(message, pos), std::string_view{});
        break;
      case 2: {
        std::uint64_t declared = read_varint(message, pos);
        std::size_t length = std::min<std::uint64_t>(declared, message.size() - pos);
        field(key >> 3, 0, message.substr(pos, length));
        pos += length;
        break;
      }
      default:
        return;
    }
  }
}

// pg_query_scan answers in protobuf, and Debian ships no protobuf-c headers; these
// few fields (pg_query.proto: ScanResult.tokens = 2; ScanToken.start = 1, end = 2,
// token = 4) need only the reader above.
std::vector<Token> scan(const std::string& file, const std::string& text) {
  constexpr std::uint64_t sql_comment = 275, c_comment = 276;
  PgQueryScanResult result = pg_query_scan(text.c_str());
  std::string error = result.error ? result.error->message : "";
  std::string data(result.pbuf.data, result.pbuf.len);
  pg_query_free_scan_result(result);
  if (!error.empty()) throw SchemaError(fmt::format("{}: {}", file, error));

  std::vector<Token> tokens;
  for_each_field(data, [&](std::uint64_t number, std::uint64_t, std::string_view bytes) {
    if (number != 2) return;
    Token token{0, 0, false};
    for_each_field(bytes, [&](std::uint64_t field, std::uint64_t value, std::string_view) {
      if (field == 1) token.start = value;
      if (field == 2) token.end = value;
      if (field == 4) token.comment = value == sql_comment || value == c_comment;
    });
    tokens.push_back(token);
  });
  return tokens;
}

// ---- The parse tree's nodes -----------------------------------------------------------

// Node-typed fields wrap a node as {"RangeVar": {...}}; fields of a specific type
// (CreateStmt.relation, ColumnDef.typeName) hold it bare, so nodes are recognised by
// their fields.
bool is_range_var(const json& node) { return node.contains("relname") && node.contains("relpersistence"); }
bool is_type_name(const json& node) { return node.contains("names") && node.contains("typemod"); }

// A node's member, or null when it has none (which iterates as empty and contains
// nothing). json::value() would copy it, and parse trees are big.
const json& member(const json& node, std::string_view key) {
  static const json none;
  if (!node.is_object()) return none;
  auto found = node.find(key);
  return found == node.end() ? none : *found;
}

// A node's string member, or "".
std::string text_of(const json& node, std::string_view key) {
  const json& value = member(node, key);
  return value.is_string() ? value.get<std::string>() : "";
}

// The strings of a list of String nodes, bare or wrapped as {"List": {"items": ...}}.
std::vector<std::string> strings(const json& list) {
  if (list.is_object() && list.contains("List")) return strings(member(list["List"], "items"));
  std::vector<std::string> values;
  if (!list.is_array()) return values;
  for (const json& item : list)
    if (item.contains("String")) values.push_back(text_of(item["String"], "sval"));
  return values;
}

std::vector<std::string> range_var_parts(const json& range_var) {
  std::vector<std::string> parts;
  if (range_var.contains("schemaname")) parts.push_back(range_var["schemaname"].get<std::string>());
  parts.push_back(text_of(range_var, "relname"));
  return parts;
}

// A %TYPE reference (in function signatures) names table.column: the column goes.
std::vector<std::string> type_name_parts(const json& type_name) {
  std::vector<std::string> parts = strings(type_name["names"]);
  if (type_name.value("pct_type", false) && !parts.empty()) parts.pop_back();
  return parts;
}

const std::string* string_constant(const json& node) {
  if (!node.is_object() || !node.contains("A_Const")) return nullptr;
  const json& constant = node["A_Const"];
  if (!constant.contains("sval") || !constant["sval"].contains("sval")) return nullptr;
  return constant["sval"]["sval"].get_ptr<const std::string*>();
}

// A name written as a string literal, as regclass input reads it: dot-separated
// identifiers, unquoted ones lower-cased. Empty when it is not a plain name.
std::vector<std::string> split_qualified_name(std::string_view literal) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (true) {
    std::string part;
    if (pos < literal.size() && literal[pos] == '"') {
      for (++pos; pos < literal.size(); ++pos) {
        if (literal[pos] == '"' && (pos + 1 >= literal.size() || literal[pos + 1] != '"')) break;
        if (literal[pos] == '"') ++pos;
        part += literal[pos];
      }
      if (pos++ >= literal.size()) return {};
    } else {
      for (; pos < literal.size() && literal[pos] != '.'; ++pos) {
        char c = literal[pos];
        part += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      }
    }
    if (part.empty()) return {};
    parts.push_back(std::move(part));
    if (pos == literal.size()) return parts;
    if (literal[pos++] != '.') return {};
  }
}

// ---- Names ----------------------------------------------------------------------------

// Canonical names: "schema:NAME", "rel:SCHEMA.NAME" (tables, views, sequences,
// indexes and types share PostgreSQL's pg_class/pg_type naming), "func:SCHEMA.NAME".
struct Names {
  std::string default_schema = "public";
  std::vector<std::string> creates;
  std::vector<std::string> references;

  void create(std::string_view category, const std::vector<std::string>& parts) { add(creates, category, parts); }
  void reference(std::string_view category, const std::vector<std::string>& parts) { add(references, category, parts); }
  std::vector<std::string> owners;
  void own(std::string_view category, const std::vector<std::string>& parts) { add(owners, category, parts, false); }
  void create_schema(const std::string& name) { creates.push_back("schema:" + name); }
  void reference_schema(const std::string& name) { references.push_back("schema:" + name); }

 private:
  // parts: [name], [schema, name] or [catalog, schema, name].
  void add(std::vector<std::string>& into, std::string_view category, const std::vector<std::string>& parts,
           bool uses_schema = true) {
    if (parts.empty()) return;
    bool qualified = parts.size() >= 2;
    const std::string& schema = qualified ? parts[parts.size() - 2] : default_schema;
    if (schema == "pg_catalog") return;  // built-ins: no schema file creates them
    into.push_back(fmt::format("{}:{}.{}", category, schema, parts.back()));
    if (qualified && uses_schema) reference_schema(schema);
  }
};

bool is_operator_name(std::string_view name) {
  return !name.empty() && name.find_first_not_of("+-*/<>=~!@#%^&|`?") == std::string_view::npos;
}

// Options whose value names a function (CREATE AGGREGATE, OPERATOR, TYPE, TYPE ... AS
// RANGE); libpg_query gives them as type names.
const std::set<std::string, std::less<>> function_options = {
    "analyze",    "canonical", "combinefunc", "deserialfunc", "finalfunc", "function",  "input",    "join",
    "mfinalfunc", "minvfunc",  "msfunc",      "output",       "procedure", "receive",   "restrict", "send",
    "serialfunc", "sfunc",     "subscript",   "subtype_diff", "typmod_in", "typmod_out"};

// A DefElem's references; false when the walk should look inside it.
bool reference_option(const json& option, Names& names) {
  const std::string name = text_of(option, "defname");
  const json& arg = member(option, "arg");
  if (function_options.contains(name) && arg.contains("TypeName")) {
    names.reference("func", type_name_parts(arg["TypeName"]));
  } else if (name == "owned_by") {  // a sequence's table.column, or NONE
    std::vector<std::string> parts = strings(arg);
    if (parts.size() < 2) return true;
    parts.pop_back();
    names.reference("rel", parts);
  } else if (name == "schema" && arg.contains("String")) {  // CREATE EXTENSION ... SCHEMA
    names.reference_schema(text_of(arg["String"], "sval"));
  } else if (name == "schemas") {  // ALTER DEFAULT PRIVILEGES IN SCHEMA
    for (const std::string& schema : strings(arg)) names.reference_schema(schema);
  } else {
    return false;
  }
  return true;
}

// Every name the tree uses: relations, types, functions, and sequences named in
// nextval('...') or '...'::regclass.
void walk(const json& node, Names& names) {
  if (node.is_array()) {
    for (const json& child : node) walk(child, names);
    return;
  }
  if (!node.is_object()) return;
  if (node.contains("defname") && reference_option(node, names)) return;
  if (is_range_var(node)) names.reference("rel", range_var_parts(node));
  if (is_type_name(node)) names.reference("rel", type_name_parts(node));
  if (node.contains("funcname")) {  // FuncCall, CreateTrigStmt, CreateFunctionStmt
    std::vector<std::string> function = strings(node["funcname"]);
    names.reference("func", function);
    static const std::set<std::string, std::less<>> sequence_functions = {"currval", "nextval", "setval"};
    const json& args = member(node, "args");
    if (!function.empty() && sequence_functions.contains(function.back()) && !args.empty())
      if (const std::string* sequence = string_constant(args[0]))
        names.reference("rel", split_qualified_name(*sequence));
  }
  if (node.contains("objname")) {  // ObjectWithArgs: a function, or an operator
    std::vector<std::string> object = strings(node["objname"]);
    if (!object.empty() && !is_operator_name(object.back())) names.reference("func", object);
  }
  if (node.contains("typeName") && node.contains("arg") && is_type_name(node["typeName"])) {  // TypeCast
    std::vector<std::string> type = type_name_parts(node["typeName"]);
    if (!type.empty() && type.back() == "regclass")
      if (const std::string* relation = string_constant(node["arg"]))
        names.reference("rel", split_qualified_name(*relation));
  }
  for (const auto& [key, child] : node.items()) walk(child, names);
}

// A LANGUAGE sql function's body is checked when it is created, so what it uses
// must exist first; other languages' bodies are only read when called.
void reference_sql_body(const json& create_function, Names& names) {
  std::string language, body;
  for (const json& option : member(create_function, "options")) {
    const json& def = member(option, "DefElem");
    const json& arg = member(def, "arg");
    std::vector<std::string> values = strings(arg);
    if (text_of(def, "defname") == "language" && arg.contains("String")) language = text_of(arg["String"], "sval");
    if (text_of(def, "defname") == "as" && values.size() == 1) body = values.front();  // C's AS has two
  }
  if (language != "sql" || body.empty()) return;
  PgQueryParseResult result = pg_query_parse(body.c_str());
  std::optional<json> tree;
  if (!result.error) tree = json::parse(result.parse_tree);
  pg_query_free_parse_result(result);
  if (tree) walk(*tree, names);  // a broken body is PostgreSQL's to report
}

// COMMENT ON, GRANT and ALTER ... OWNER TO name tables, types and schemas as bare
// strings whose meaning depends on the object type; functions and types given as
// ObjectWithArgs and TypeName nodes are found by walk.
void reference_object(std::string_view type, const json& object, Names& names) {
  static const std::set<std::string, std::less<>> relations = {"OBJECT_DOMAIN",  "OBJECT_FOREIGN_TABLE", "OBJECT_INDEX",
                                                               "OBJECT_MATVIEW", "OBJECT_SEQUENCE",      "OBJECT_TABLE",
                                                               "OBJECT_TYPE",    "OBJECT_VIEW"};
  static const std::set<std::string, std::less<>> parts_of_relations = {"OBJECT_COLUMN", "OBJECT_POLICY", "OBJECT_RULE",
                                                                        "OBJECT_TABCONSTRAINT", "OBJECT_TRIGGER"};
  if (type == "OBJECT_SCHEMA" && object.contains("String")) {
    names.reference_schema(text_of(object["String"], "sval"));
  } else if (relations.contains(type)) {
    names.reference("rel", strings(object));
  } else if (parts_of_relations.contains(type)) {
    std::vector<std::string> parts = strings(object);
    if (!parts.empty()) parts.pop_back();
    names.reference("rel", parts);
  }
}

void reference_objects(std::string_view kind, const json& stmt, Names& names) {
  if (kind == "CommentStmt") {
    reference_object(text_of(stmt, "objtype"), member(stmt, "object"), names);
  } else if (kind == "AlterOwnerStmt") {
    reference_object(text_of(stmt, "objectType"), member(stmt, "object"), names);
  } else if (kind == "GrantStmt") {
    bool in_schema = text_of(stmt, "targtype") == "ACL_TARGET_ALL_IN_SCHEMA";
    for (const json& object : member(stmt, "objects"))
      reference_object(in_schema ? "OBJECT_SCHEMA" : text_of(stmt, "objtype"), object, names);
  } else if (kind == "AlterDomainStmt") {
    names.reference("rel", strings(stmt["typeName"]));
  }
}

// The object a statement defines.
void declare(std::string_view kind, const json& stmt, Names& names) {
  if (kind == "CreateSchemaStmt") {
    for (const json& element : member(stmt, "schemaElts"))
      for (const auto& [element_kind, element_stmt] : element.items()) declare(element_kind, element_stmt, names);
    names.create_schema(names.default_schema);
  } else if (kind == "CreateStmt") {
    names.create("rel", range_var_parts(stmt["relation"]));
  } else if (kind == "IndexStmt" && stmt.contains("idxname")) {  // an index lives in its table's schema
    std::vector<std::string> parts = range_var_parts(stmt["relation"]);
    parts.back() = stmt["idxname"].get<std::string>();
    names.create("rel", parts);
  } else if (kind == "CreateSeqStmt") {
    names.create("rel", range_var_parts(stmt["sequence"]));
  } else if (kind == "ViewStmt") {
    names.create("rel", range_var_parts(stmt["view"]));
  } else if (kind == "CreateTableAsStmt") {
    names.create("rel", range_var_parts(stmt["into"]["rel"]));
  } else if (kind == "CreateEnumStmt" || kind == "CreateRangeStmt") {
    names.create("rel", strings(stmt["typeName"]));
  } else if (kind == "CompositeTypeStmt") {
    names.create("rel", range_var_parts(stmt["typevar"]));
  } else if (kind == "CreateDomainStmt") {
    names.create("rel", strings(stmt["domainname"]));
  } else if (kind == "CreateFunctionStmt") {
    names.create("func", strings(stmt["funcname"]));
  } else if (kind == "DefineStmt" && text_of(stmt, "kind") == "OBJECT_AGGREGATE") {
    names.create("func", strings(stmt["defnames"]));
  } else if (kind == "DefineStmt" && text_of(stmt, "kind") == "OBJECT_TYPE") {
    names.create("rel", strings(stmt["defnames"]));
  }
}

// The object a COMMENT ON or GRANT names, as an owner: a relation's part (column,
// constraint, trigger, policy) belongs to its relation.
void own_object(std::string_view type, const json& object, Names& names) {
  static const std::set<std::string, std::less<>> relations = {"OBJECT_DOMAIN",  "OBJECT_INDEX",    "OBJECT_MATVIEW",
                                                               "OBJECT_SEQUENCE", "OBJECT_TABLE",   "OBJECT_TYPE",
                                                               "OBJECT_VIEW"};
  static const std::set<std::string, std::less<>> parts_of_relations = {"OBJECT_COLUMN", "OBJECT_POLICY",
                                                                        "OBJECT_TABCONSTRAINT", "OBJECT_TRIGGER"};
  std::vector<std::string> parts = object.contains("RangeVar") ? range_var_parts(object["RangeVar"]) : strings(object);
  if (type == "OBJECT_SCHEMA" && object.contains("String")) {
    names.owners.push_back("schema:" + text_of(object["String"], "sval"));
  } else if (type == "OBJECT_EXTENSION" && object.contains("String")) {
    names.owners.push_back("ext:" + text_of(object["String"], "sval"));
  } else if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
    names.own("func", strings(member(member(object, "ObjectWithArgs"), "objname")));
  } else if (relations.contains(type)) {
    names.own("rel", parts);
  } else if (parts_of_relations.contains(type) && !parts.empty()) {
    parts.pop_back();
    names.own("rel", parts);
  }
}

// The objects whose definition the statement is part of (Statement::owners).
void declare_owners(std::string_view kind, const json& stmt, Names& names) {
  static const std::set<std::string, std::less<>> on_relation = {"AlterTableStmt", "IndexStmt", "CreateTrigStmt",
                                                                 "CreatePolicyStmt", "AlterPolicyStmt", "RuleStmt"};
  static const std::set<std::string, std::less<>> own_creation = {
      "CreateStmt",      "CreateSeqStmt",     "ViewStmt",         "CreateTableAsStmt", "CreateEnumStmt",
      "CompositeTypeStmt", "CreateDomainStmt", "CreateFunctionStmt"};
  if (kind == "CreateStmt" && stmt.contains("partbound")) {  // a partition is part of its partitioned table
    for (const json& parent : member(stmt, "inhRelations")) names.own("rel", range_var_parts(member(parent, "RangeVar")));
  } else if (own_creation.contains(kind)) {
    names.owners = names.creates;
  } else if (on_relation.contains(kind)) {
    names.own("rel", range_var_parts(member(stmt, kind == "RuleStmt" || kind == "CreatePolicyStmt" ||
                                                          kind == "AlterPolicyStmt"
                                                      ? "table"
                                                      : "relation")));
  } else if (kind == "AlterSeqStmt") {
    names.own("rel", range_var_parts(member(stmt, "sequence")));
  } else if (kind == "AlterDomainStmt" || kind == "AlterEnumStmt") {
    names.own("rel", strings(member(stmt, "typeName")));
  } else if (kind == "CreateExtensionStmt") {
    names.owners.push_back("ext:" + text_of(stmt, "extname"));
  } else if (kind == "CreateSchemaStmt" && member(stmt, "schemaElts").empty()) {
    names.owners.push_back("schema:" + names.default_schema);
  } else if (kind == "CommentStmt") {
    own_object(text_of(stmt, "objtype"), member(stmt, "object"), names);
  } else if (kind == "GrantStmt" && text_of(stmt, "targtype") == "ACL_TARGET_OBJECT") {
    for (const json& object : member(stmt, "objects")) own_object(text_of(stmt, "objtype"), object, names);
  }
}

void sort_unique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

// The roles named in GRANT ... TO and CREATE/ALTER POLICY ... TO; PUBLIC,
// CURRENT_USER and the like are no role names.
std::vector<std::string> named_roles(std::string_view kind, const json& stmt) {
  std::vector<std::string> roles;
  if (kind != "GrantStmt" && kind != "CreatePolicyStmt" && kind != "AlterPolicyStmt") return roles;
  for (const json& spec : member(stmt, kind == "GrantStmt" ? "grantees" : "roles")) {
    const json& role = member(spec, "RoleSpec");
    if (text_of(role, "roletype") == "ROLESPEC_CSTRING") roles.push_back(text_of(role, "rolename"));
  }
  sort_unique(roles);
  return roles;
}

void collect_names(Statement& statement, const json& stmt) {
  Names names;
  // Inside CREATE SCHEMA x CREATE TABLE t ..., t is x.t.
  if (statement.kind == "CreateSchemaStmt")
    names.default_schema =
        stmt.contains("schemaname") ? text_of(stmt, "schemaname") : text_of(member(stmt, "authrole"), "rolename");
  declare(statement.kind, stmt, names);
  declare_owners(statement.kind, stmt, names);
  reference_objects(statement.kind, stmt, names);
  if (statement.kind == "CreateFunctionStmt") reference_sql_body(stmt, names);
  walk(stmt, names);
  sort_unique(names.creates);
  sort_unique(names.references);
  // What it creates (its own name, a table's FK to itself) is no dependency.
  std::erase_if(names.references, [&](const std::string& name) {
    return std::binary_search(names.creates.begin(), names.creates.end(), name);
  });
  sort_unique(names.owners);
  statement.creates = std::move(names.creates);
  statement.references = std::move(names.references);
  statement.owners = std::move(names.owners);
}

// ---- What a schema file may say -------------------------------------------------------

// The statements that declare schema; CREATE MATERIALIZED VIEW is a CreateTableAsStmt.
const std::set<std::string, std::less<>> declarations = {
    // relations and their parts
    "CreateSchemaStmt", "CreateStmt", "AlterTableStmt", "IndexStmt", "CreateSeqStmt", "AlterSeqStmt", "ViewStmt",
    "CreateStatsStmt", "CreateTrigStmt", "CreatePolicyStmt", "RuleStmt",
    // types and functions
    "CreateEnumStmt", "CompositeTypeStmt", "CreateDomainStmt", "AlterDomainStmt", "CreateRangeStmt",
    "CreateFunctionStmt", "DefineStmt", "CreateCastStmt", "CreateExtensionStmt",
    // comments, privileges and owners
    "CommentStmt", "GrantStmt", "AlterDefaultPrivilegesStmt", "AlterOwnerStmt"};

bool declares_schema(std::string_view kind, const json& stmt) {
  if (kind == "CreateTableAsStmt") return text_of(stmt, "objtype") == "OBJECT_MATVIEW";
  return declarations.contains(kind);
}

// "CreateRoleStmt" -> "CREATE ROLE".
std::string words_of_node_name(std::string_view kind) {
  if (kind.ends_with("Stmt")) kind.remove_suffix(4);
  std::string words;
  for (char c : kind) {
    if (c >= 'A' && c <= 'Z' && !words.empty()) words += ' ';
    words += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return words;
}

// The statement in the SQL words its author wrote.
std::string sql_words(std::string_view kind, const json& stmt) {
  if (kind == "TransactionStmt") {
    static const std::map<std::string, std::string, std::less<>> commands = {
        {"TRANS_STMT_BEGIN", "BEGIN"},
        {"TRANS_STMT_START", "START TRANSACTION"},
        {"TRANS_STMT_COMMIT", "COMMIT"},
        {"TRANS_STMT_ROLLBACK", "ROLLBACK"},
        {"TRANS_STMT_SAVEPOINT", "SAVEPOINT"},
        {"TRANS_STMT_RELEASE", "RELEASE"},
        {"TRANS_STMT_ROLLBACK_TO", "ROLLBACK TO SAVEPOINT"},
        {"TRANS_STMT_PREPARE", "PREPARE TRANSACTION"},
        {"TRANS_STMT_COMMIT_PREPARED", "COMMIT PREPARED"},
        {"TRANS_STMT_ROLLBACK_PREPARED", "ROLLBACK PREPARED"}};
    auto command = commands.find(text_of(stmt, "kind"));
    return fmt::format("transaction control ({})", command == commands.end() ? "BEGIN" : command->second);
  }
  if (kind == "CreateTableAsStmt") return "CREATE TABLE AS";
  if (kind == "AlterEnumStmt")
    return stmt.contains("oldVal") ? "ALTER TYPE ... RENAME VALUE" : "ALTER TYPE ... ADD VALUE";
  if (kind == "VariableSetStmt") return text_of(stmt, "kind").starts_with("VAR_RESET") ? "RESET" : "SET";
  if (kind == "VacuumStmt") return stmt.value("is_vacuumcmd", false) ? "VACUUM" : "ANALYZE";
  static const std::map<std::string, std::string, std::less<>> irregular = {
      {"AlterObjectSchemaStmt", "ALTER ... SET SCHEMA"},
      {"CheckPointStmt", "CHECKPOINT"},
      {"ClosePortalStmt", "CLOSE"},
      {"ConstraintsSetStmt", "SET CONSTRAINTS"},
      {"CreatedbStmt", "CREATE DATABASE"},
      {"DropdbStmt", "DROP DATABASE"},
      {"RefreshMatViewStmt", "REFRESH MATERIALIZED VIEW"},
      {"RenameStmt", "ALTER ... RENAME"},
      {"SecLabelStmt", "SECURITY LABEL"},
      {"VariableShowStmt", "SHOW"}};
  if (auto words = irregular.find(kind); words != irregular.end()) return words->second;
  return words_of_node_name(kind);
}

// ---- Statements -----------------------------------------------------------------------

// What PostgreSQL refuses to run inside a transaction block.
bool runs_in_transaction(std::string_view kind, const json& stmt) {
  static const std::set<std::string, std::less<>> never = {"CreatedbStmt", "DropdbStmt", "CreateTableSpaceStmt",
                                                           "DropTableSpaceStmt", "AlterSystemStmt"};
  if (never.contains(kind)) return false;
  if (kind == "IndexStmt" || kind == "DropStmt") return !stmt.value("concurrent", false);
  if (kind == "AlterEnumStmt") return stmt.contains("oldVal");  // RENAME VALUE does; ADD VALUE is unusable until commit
  if (kind == "VacuumStmt") return !stmt.value("is_vacuumcmd", false);  // ANALYZE does
  if (kind == "ReindexStmt") {
    if (text_of(stmt, "kind") != "REINDEX_OBJECT_INDEX" && text_of(stmt, "kind") != "REINDEX_OBJECT_TABLE") return false;
    for (const json& param : member(stmt, "params"))
      if (text_of(member(param, "DefElem"), "defname") == "concurrently") return false;
  }
  return true;
}

// A statement's real tokens: from its first to its last, comments and blanks
// around it left out. `begin` and `length` are libpg_query's stmt_location and
// stmt_len (0: to the end of the text). nullopt for a statement of no token.
std::optional<std::pair<std::size_t, std::size_t>> statement_span(const std::vector<Token>& tokens, std::size_t begin,
                                                                  std::size_t length, std::size_t text_size) {
  std::size_t end = length == 0 ? text_size : begin + length;
  auto first = std::lower_bound(tokens.begin(), tokens.end(), begin,
                                [](const Token& t, std::size_t offset) { return t.start < offset; });
  first = std::find_if(first, tokens.end(), [](const Token& t) { return !t.comment; });
  auto last = std::find_if(first, tokens.end(), [&](const Token& t) { return t.end > end; });
  while (last != first && std::prev(last)->comment) --last;
  if (first == tokens.end() || last == first) return std::nullopt;
  return std::pair{first->start, std::prev(last)->end};
}

// The statement over `span` of `query`, its parse tree node of kind `kind` being `stmt`.
Statement statement_at(const std::string& file, const Lines& lines, const std::string& query,
                       std::pair<std::size_t, std::size_t> span, const std::string& kind, const json& stmt) {
  Position at = lines.position_of(span.first);
  return Statement{.sql = query.substr(span.first, span.second - span.first),
                   .file = file,
                   .line = at.line,
                   .column = at.column,
                   .kind = kind,
                   .roles = named_roles(kind, stmt),
                   .offset = span.first,
                   .transactional = runs_in_transaction(kind, stmt)};
}

// Parses `text` and calls visit(statement, its parse tree node, lines) for each
// statement in order; a syntax error is a SchemaError with file:line:col.
template <class Visit>
void for_each_statement(const std::string& file, std::string_view text, Visit visit) {
  const std::string query(text);
  PgQueryParseResult result = pg_query_parse(query.c_str());
  std::optional<std::pair<std::string, int>> error;
  json tree;
  if (result.error)
    error.emplace(result.error->message, result.error->cursorpos);
  else
    tree = json::parse(result.parse_tree);
  pg_query_free_parse_result(result);
  const Lines lines(text);
  if (error && error->second <= 0) throw SchemaError(fmt::format("{}: {}", file, error->first));
  if (error) {
    std::size_t offset = byte_offset_of_character(text, error->second - 1);
    // At the end of input, point just past the last character rather than at a
    // blank last line.
    if (offset == text.size()) {
      std::size_t last = text.find_last_not_of(" \t\r\n");
      offset = last == std::string_view::npos ? 0 : last + 1;
    }
    fail_at(file, lines, offset, error->first);
  }

  const std::vector<Token> tokens = scan(file, query);
  for (const json& raw : member(tree, "stmts")) {
    auto span = statement_span(tokens, raw.value("stmt_location", 0), raw.value("stmt_len", 0), text.size());
    if (!span) continue;  // libpg_query gives no empty statements
    const std::string kind = raw["stmt"].begin().key();
    const json& stmt = raw["stmt"].begin().value();
    visit(statement_at(file, lines, query, *span, kind, stmt), stmt, lines);
  }
}

// ---- Ordering -------------------------------------------------------------------------

std::string describe(const Statement& statement) {
  std::string name;
  if (!statement.creates.empty()) {
    const std::string& created = statement.creates.front();
    name = "/" + created.substr(created.find(':') + 1);
  }
  return fmt::format("{} {}{}", statement.location(), statement.kind, name);
}

// Every statement left stuck by the topological order waits for another one left,
// so following prerequisites from any of them must come back round.
[[noreturn]] void fail_cycle(const std::vector<Statement>& statements,
                             const std::vector<std::vector<std::size_t>>& prerequisites,
                             const std::vector<std::size_t>& stuck) {
  auto is_stuck = [&](std::size_t i) { return std::binary_search(stuck.begin(), stuck.end(), i); };
  std::size_t at = stuck.front();
  std::vector<std::size_t> path;
  while (std::find(path.begin(), path.end(), at) == path.end()) {
    path.push_back(at);
    for (std::size_t before : prerequisites[at])
      if (is_stuck(before)) {
        at = before;
        break;
      }
  }
  std::vector<std::size_t> cycle(std::find(path.begin(), path.end(), at), path.end());
  std::sort(cycle.begin(), cycle.end());
  std::string message = "dependency cycle between schema statements:";
  for (std::size_t i : cycle) message += "\n    " + describe(statements[i]);
  message += "\nbreak the cycle by declaring one FOREIGN KEY in a separate ALTER TABLE ... ADD CONSTRAINT statement";
  throw SchemaError(message);
}

}  // namespace

std::string Statement::location() const { return fmt::format("{}:{}:{}", file, line, column); }

namespace {

// A schema file's statement, refused when it declares no schema.
Statement schema_statement(const std::string& file, const Lines& lines, Statement statement, const json& stmt) {
  if (!declares_schema(statement.kind, stmt))
    fail_at(file, lines, statement.offset,
            fmt::format("{} is not allowed in a schema file: schema files declare the desired schema; "
                        "put data changes and one-off commands in a migration",
                        sql_words(statement.kind, stmt)));
  collect_names(statement, stmt);
  return statement;
}

// With `known`: the parser only splits the file, and only the statements whose text
// it does not hold are parsed, each on its own.
std::vector<Statement> parse_known(const std::string& file, std::string_view text, const StatementCache& known) {
  const std::string query(text);
  PgQuerySplitResult split = pg_query_split_with_parser(query.c_str());
  std::vector<std::pair<int, int>> locations;
  if (!split.error)
    for (int i = 0; i < split.n_stmts; ++i) locations.emplace_back(split.stmts[i]->stmt_location, split.stmts[i]->stmt_len);
  bool failed = split.error != nullptr;
  pg_query_free_split_result(split);
  if (failed) return parse_schema_file(file, text);  // which reports the error as always

  const std::vector<Token> tokens = scan(file, query);
  const Lines lines(text);
  std::vector<Statement> statements;
  for (auto [location, length] : locations) {
    auto span = statement_span(tokens, location, length, text.size());
    if (!span) continue;
    std::string_view sql = std::string_view(query).substr(span->first, span->second - span->first);
    if (const Statement* seen = known.find(sql)) {
      Statement statement = *seen;
      Position at = lines.position_of(span->first);
      statement.file = file;
      statement.line = at.line;
      statement.column = at.column;
      statement.offset = span->first;
      statements.push_back(std::move(statement));
      continue;
    }
    const std::string alone(sql);
    PgQueryParseResult result = pg_query_parse(alone.c_str());
    failed = result.error != nullptr;
    json tree = failed ? json() : json::parse(result.parse_tree);
    pg_query_free_parse_result(result);
    if (failed) return parse_schema_file(file, text);
    const json& raw = member(tree, "stmts").at(0);
    const std::string kind = raw["stmt"].begin().key();
    const json& stmt = raw["stmt"].begin().value();
    Statement statement = statement_at(file, lines, query, *span, kind, stmt);
    statements.push_back(schema_statement(file, lines, std::move(statement), stmt));
  }
  return statements;
}

}  // namespace

std::vector<Statement> parse_schema_file(const std::string& file, std::string_view text, const StatementCache* known) {
  if (known) return parse_known(file, text, *known);
  std::vector<Statement> statements;
  for_each_statement(file, text, [&](Statement statement, const json& stmt, const Lines& lines) {
    statements.push_back(schema_statement(file, lines, std::move(statement), stmt));
  });
  return statements;
}

std::vector<Statement> split_statements(const std::string& file, std::string_view text) {
  std::vector<Statement> statements;
  for_each_statement(file, text,
                     [&](Statement statement, const json&, const Lines&) { statements.push_back(std::move(statement)); });
  return statements;
}

std::vector<ParsedStatement> parse_statements(const std::string& file, std::string_view text) {
  std::vector<ParsedStatement> statements;
  for_each_statement(file, text, [&](Statement statement, const json& stmt, const Lines&) {
    statements.push_back({std::move(statement), stmt.dump()});
  });
  return statements;
}

std::vector<Comment> comments_in(const std::string& file, std::string_view text) {
  const std::string query(text);
  std::vector<Comment> comments;
  for (const Token& token : scan(file, query))
    if (token.comment) comments.push_back({query.substr(token.start, token.end - token.start), token.start});
  return comments;
}

void fail_at(const std::string& file, std::string_view text, std::size_t offset, std::string_view message) {
  fail_at(file, Lines(text), offset, message);
}

std::vector<Statement> order_by_dependency(std::vector<Statement> statements) {
  std::unordered_map<std::string, std::vector<std::size_t>> creators;  // hashed: 10,000s of names
  for (std::size_t i = 0; i < statements.size(); ++i)
    for (const std::string& name : statements[i].creates) creators[name].push_back(i);

  // What an extension creates (types, functions, operator classes) is not known
  // offline, so extensions come before everything but the schemas they go in.
  std::vector<std::size_t> extensions;
  for (std::size_t i = 0; i < statements.size(); ++i)
    if (statements[i].kind == "CreateExtensionStmt") extensions.push_back(i);

  std::vector<std::vector<std::size_t>> prerequisites(statements.size());
  for (std::size_t i = 0; i < statements.size(); ++i) {
    for (const std::string& name : statements[i].references)
      if (auto found = creators.find(name); found != creators.end())
        for (std::size_t creator : found->second)
          if (creator != i) prerequisites[i].push_back(creator);
    if (statements[i].kind != "CreateExtensionStmt" && statements[i].kind != "CreateSchemaStmt")
      prerequisites[i].insert(prerequisites[i].end(), extensions.begin(), extensions.end());
    std::sort(prerequisites[i].begin(), prerequisites[i].end());
    prerequisites[i].erase(std::unique(prerequisites[i].begin(), prerequisites[i].end()), prerequisites[i].end());
  }

  // Unrelated statements keep their given order.
  auto [order, stuck] = topological_order(prerequisites);
  if (!stuck.empty()) fail_cycle(statements, prerequisites, stuck);

  std::vector<Statement> ordered;
  ordered.reserve(statements.size());
  for (std::size_t i : order) ordered.push_back(std::move(statements[i]));
  return ordered;
}

std::vector<std::filesystem::path> expand_schema_paths(const std::vector<std::string>& patterns) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const std::string& pattern : patterns) {
    std::vector<fs::path> matches;
    if (pattern.find_first_of("*?[") != std::string::npos) {
      glob_t found{};
      if (glob(pattern.c_str(), 0, nullptr, &found) == 0)
        matches.assign(found.gl_pathv, found.gl_pathv + found.gl_pathc);
      globfree(&found);
    } else if (fs::exists(pattern)) {
      matches.emplace_back(pattern);
    }
    std::size_t before = files.size();
    for (const fs::path& match : matches) {
      if (!fs::is_directory(match)) {
        files.push_back(match.lexically_normal());
        continue;
      }
      for (const fs::directory_entry& entry : fs::recursive_directory_iterator(match))
        if (entry.is_regular_file() && entry.path().extension() == ".sql")
          files.push_back(entry.path().lexically_normal());
    }
    if (files.size() == before) throw std::runtime_error(fmt::format("no schema files match '{}'", pattern));
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

std::string read_file(const std::filesystem::path& file) {
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(file.c_str(), "rb"), &std::fclose);
  std::string text;
  if (stream) {
    char buffer[65536];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, stream.get())) text.append(buffer, n);
  }
  if (!stream || std::ferror(stream.get()))
    throw SchemaError(fmt::format("{}: cannot read: {}", file.string(), std::strerror(errno)));
  return text;
}

std::vector<Statement> load_schema(const std::vector<std::filesystem::path>& files, const StatementCache* known) {
  // Parsing dominates loading a large schema, and libpg_query is thread-safe: one
  // worker per core takes the files in turn (so at most that many parse trees are
  // in memory at once). The first failing file in order is reported, as if parsed
  // one after the other.
  std::vector<std::vector<Statement>> parsed(files.size());
  std::vector<std::exception_ptr> errors(files.size());
  std::atomic<std::size_t> next{0};
  auto parse_files = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      try {
        parsed[i] = parse_schema_file(files[i].string(), read_file(files[i]), known);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t workers = std::min<std::size_t>(files.size(), std::max(1u, std::thread::hardware_concurrency()));
  {
    std::vector<std::jthread> helpers;
    for (std::size_t w = 1; w < workers; ++w) helpers.emplace_back(parse_files);
    parse_files();
  }
  std::vector<Statement> statements;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    std::move(parsed[i].begin(), parsed[i].end(), std::back_inserter(statements));
  }
  return order_by_dependency(std::move(statements));
}

StatementCache::StatementCache(const std::vector<Statement>& statements) {
  for (const auto& statement : statements) by_text_.try_emplace(statement.sql, statement);
}

const Statement* StatementCache::find(std::string_view sql) const {
  auto found = by_text_.find(std::string(sql));
  return found == by_text_.end() ? nullptr : &found->second;
}

namespace {

// Lists as '\0'-separated strings, in the stored-string layout of catalog_store.hpp.
void store_names(std::string& out, const std::vector<std::string>& names) {
  std::string joined;
  for (const auto& name : names) joined.append(name).push_back('\0');
  store_string(out, joined);
}

std::vector<std::string> load_names(std::string_view& in) {
  std::string_view joined = load_string(in);
  std::vector<std::string> names;
  for (std::size_t end; !joined.empty(); joined.remove_prefix(end + 1)) {
    end = joined.find('\0');
    names.emplace_back(joined.substr(0, end));
  }
  return names;
}

constexpr std::string_view statement_cache_format = "schemactl statements 1\n";

}  // namespace

StatementCache StatementCache::load(const std::filesystem::path& file) {
  StatementCache cache;
  std::error_code error;
  if (!std::filesystem::exists(file, error)) return cache;
  try {
    std::string content = read_file(file);
    std::string_view in = content;
    if (!in.starts_with(statement_cache_format)) return cache;
    in.remove_prefix(statement_cache_format.size());
    while (!in.empty()) {
      Statement statement;
      statement.sql = load_string(in);
      statement.kind = load_string(in);
      statement.creates = load_names(in);
      statement.references = load_names(in);
      statement.roles = load_names(in);
      statement.owners = load_names(in);
      statement.transactional = load_string(in) == "t";
      cache.by_text_.try_emplace(statement.sql, std::move(statement));
    }
  } catch (const std::exception&) {
    return {};  // damaged: every statement is parsed again
  }
  return cache;
}

void StatementCache::save(const std::filesystem::path& file) const {
  std::string content(statement_cache_format);
  for (const auto& [sql, statement] : by_text_) {
    store_string(content, sql);
    store_string(content, statement.kind);
    store_names(content, statement.creates);
    store_names(content, statement.references);
    store_names(content, statement.roles);
    store_names(content, statement.owners);
    store_string(content, statement.transactional ? "t" : "f");
  }
  write_file_atomically(file, content);
}

}  // namespace schemactl::schema
