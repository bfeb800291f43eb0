#include "schema/renames.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "schema/source.hpp"

namespace schemactl::schema {
namespace {

using json = nlohmann::json;

constexpr std::string_view directive = "schemactl:renamed-from";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// What an annotation may attach to: a statement, or a column definition in a
// CREATE TABLE, at the byte offset where it starts.
struct Anchor {
  std::size_t offset = 0;
  std::size_t end = 0;  // of the statement it is in
  std::string kind;  // the statement's node name, or "ColumnDef"
  QualifiedName table;
  std::string column;
};

std::vector<Anchor> anchors_in(const std::string& file, std::string_view text) {
  std::vector<Anchor> anchors;
  for (const auto& parsed : parse_statements(file, text)) {
    const auto& statement = parsed.statement;
    Anchor anchor{statement.offset, statement.offset + statement.sql.size(), statement.kind, {}, {}};
    if (statement.kind == "CreateStmt") {
      const json tree = json::parse(parsed.tree);
      const json& relation = tree.at("relation");
      anchor.table = {relation.value("schemaname", std::string("public")), relation.value("relname", "")};
      for (const json& element : tree.value("tableElts", json::array())) {
        if (!element.contains("ColumnDef")) continue;
        const json& column = element["ColumnDef"];
        anchors.push_back({column.value("location", std::size_t{0}), anchor.end, "ColumnDef", anchor.table,
                           column.value("colname", "")});
      }
    }
    anchors.push_back(std::move(anchor));
  }
  std::sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) { return a.offset < b.offset; });
  return anchors;
}

// The anchor a comment annotates: on its line, the last column definition before
// it, or the statement when there is none or the statement has ended; otherwise
// the next anchor, when only blanks and comments stand between them.
std::optional<Anchor> annotated(std::string_view text, const std::vector<Comment>& comments, std::size_t index,
                                const std::vector<Anchor>& anchors) {
  const Comment& comment = comments[index];
  auto next = std::upper_bound(anchors.begin(), anchors.end(), comment.offset,
                               [](std::size_t offset, const Anchor& a) { return offset < a.offset; });
  bool after_statement = false;  // on the line that ends a statement: that statement
  for (auto before = next; before != anchors.begin();) {
    --before;
    if (after_statement) {
      if (before->kind != "ColumnDef") return *before;
      continue;
    }
    if (text.substr(before->offset, comment.offset - before->offset).find('\n') != std::string_view::npos) break;
    if (before->kind != "ColumnDef" || comment.offset < before->end) return *before;
    after_statement = true;
  }
  if (next == anchors.end()) return std::nullopt;
  std::size_t at = comment.offset + comment.text.size();
  for (std::size_t i = index + 1; at < next->offset; ) {
    if (i < comments.size() && comments[i].offset == at) {
      at += comments[i++].text.size();
    } else if (text[at] == '\n' || is_blank(text[at])) {
      ++at;
    } else {
      return std::nullopt;
    }
  }
  return *next;
}

// An identifier as PostgreSQL reads it: "quoted" as is, otherwise folded to lower case.
std::optional<std::string> identifier(std::string_view text, std::size_t& pos) {
  std::string name;
  if (pos < text.size() && text[pos] == '"') {
    for (++pos; pos < text.size(); ++pos) {
      if (text[pos] != '"') {
        name += text[pos];
      } else if (pos + 1 < text.size() && text[pos + 1] == '"') {
        name += '"';
        ++pos;
      } else {
        ++pos;
        return name.empty() ? std::nullopt : std::optional(name);
      }
    }
    return std::nullopt;
  }
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80); };
  if (pos >= text.size() || !word(text[pos]) || std::isdigit(static_cast<unsigned char>(text[pos]))) return std::nullopt;
  for (; pos < text.size() && word(text[pos]); ++pos)
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(text[pos])));
  return name;
}

// The dotted name after the directive; nothing when it is not one.
std::optional<std::vector<std::string>> dotted_name(std::string_view rest) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos < rest.size() && is_blank(rest[pos])) ++pos;
  while (true) {
    auto part = identifier(rest, pos);
    if (!part) return std::nullopt;
    parts.push_back(std::move(*part));
    if (pos < rest.size() && rest[pos] == '.') {
      ++pos;
      continue;
    }
    break;
  }
  while (pos < rest.size() && is_blank(rest[pos])) ++pos;
  if (pos != rest.size()) return std::nullopt;
  return parts;
}

}  // namespace

Renames read_renames(const std::string& file, std::string_view text) {
  Renames renames;
  // Most files annotate nothing: they need no scan.
  if (text.find(directive) == std::string_view::npos) return renames;
  const std::vector<Comment> comments = comments_in(file, text);
  std::optional<std::vector<Anchor>> anchors;
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const Comment& comment = comments[i];
    std::string_view written = comment.text;
    if (!written.starts_with("--")) continue;
    std::size_t pos = 2;
    while (pos < written.size() && is_blank(written[pos])) ++pos;
    if (written.substr(pos, directive.size()) != directive) continue;
    pos += directive.size();
    if (pos < written.size() && !is_blank(written[pos])) continue;  // another directive
    if (!anchors) anchors = anchors_in(file, text);
    auto name = dotted_name(written.substr(pos));
    auto anchor = annotated(text, comments, i, *anchors);
    if (!anchor) fail_at(file, text, comment.offset, "schemactl:renamed-from annotates no table or column");
    if (anchor->kind == "ColumnDef") {
      if (!name || name->size() != 1)
        fail_at(file, text, comment.offset, "schemactl:renamed-from on a column takes the old column name");
      renames.columns.push_back({anchor->table, name->front(), anchor->column});
    } else if (anchor->kind == "CreateStmt") {
      if (!name || name->size() > 2)
        fail_at(file, text, comment.offset, "schemactl:renamed-from on a table takes the old [schema.]name");
      QualifiedName from = name->size() == 2 ? QualifiedName{(*name)[0], (*name)[1]}
                                             : QualifiedName{anchor->table.schema, (*name)[0]};
      renames.tables.push_back({from, anchor->table});
    } else {
      fail_at(file, text, comment.offset,
              fmt::format("schemactl:renamed-from renames tables and columns only, not a {}", anchor->kind));
    }
  }
  return renames;
}

Renames load_renames(const std::vector<std::filesystem::path>& files) {
  Renames all;
  for (const auto& file : files) {
    Renames renames = read_renames(file.string(), read_file(file));
    all.tables.insert(all.tables.end(), renames.tables.begin(), renames.tables.end());
    all.columns.insert(all.columns.end(), renames.columns.begin(), renames.columns.end());
  }
  return all;
}

Renames reversed(const Renames& renames) {
  Renames back;
  std::map<QualifiedName, QualifiedName> old_names;
  for (const auto& table : renames.tables) {
    back.tables.push_back({table.to, table.from});
    old_names[table.to] = table.from;
  }
  for (const auto& column : renames.columns) {
    auto old_name = old_names.find(column.table);
    back.columns.push_back({old_name == old_names.end() ? column.table : old_name->second, column.to, column.from});
  }
  return back;
}

}  // namespace schemactl::schema
