#include "planner/lint_annotations.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "schema/source.hpp"

namespace schemactl::planner {
namespace {

constexpr std::string_view ignore_statement = "schemactl:ignore";
constexpr std::string_view ignore_file = "schemactl:ignore-file";

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Nothing but blanks between the start of its line and `offset`.
bool starts_line(std::string_view text, std::size_t offset) {
  for (; offset > 0 && text[offset - 1] != '\n'; --offset)
    if (!is_blank(text[offset - 1])) return false;
  return true;
}

// Only blanks and one line break: what follows is on the very next line.
bool just_a_line_break(std::string_view between) {
  return std::count(between.begin(), between.end(), '\n') == 1 &&
         std::all_of(between.begin(), between.end(), [](char c) { return c == '\n' || is_blank(c); });
}

// "SC101, drop-table  reason": a comma continues the list, anything else ends it and
// is the reason. `at` is the byte offset of `list` in the text, for errors.
std::set<LintRule> rules_named(const std::string& file, std::string_view text, std::string_view directive,
                               std::size_t at, std::string_view list) {
  std::set<LintRule> rules;
  std::size_t pos = 0;
  auto skip_blanks = [&] {
    while (pos < list.size() && is_blank(list[pos])) ++pos;
  };
  while (true) {
    skip_blanks();
    std::size_t start = pos;
    while (pos < list.size() && (std::isalnum(static_cast<unsigned char>(list[pos])) || list[pos] == '-')) ++pos;
    std::string_view word = list.substr(start, pos - start);
    std::optional<LintRule> rule = find_lint_rule(word);
    if (!rule)
      schema::fail_at(file, text, at + start,
                      word.empty() ? fmt::format("{} names no lint rule: give codes (SC101) or rule names", directive)
                                   : fmt::format("unknown lint rule '{}' in {}: give codes (SC101) or rule names", word,
                                                 directive));
    rules.insert(*rule);
    skip_blanks();
    if (pos == list.size() || list[pos] != ',') return rules;
    ++pos;
  }
}

// The statement a `-- schemactl:ignore` comment annotates: the next one, when the
// comment has its own line and only comment lines stand between them.
std::optional<std::size_t> annotated_statement(std::string_view text, const std::vector<schema::Comment>& comments,
                                               std::size_t annotation,
                                               const std::vector<std::size_t>& statement_offsets) {
  const schema::Comment& comment = comments[annotation];
  auto next = std::upper_bound(statement_offsets.begin(), statement_offsets.end(), comment.offset);
  if (next == statement_offsets.end() || !starts_line(text, comment.offset)) return std::nullopt;
  std::size_t end = comment.offset + comment.text.size();
  for (std::size_t i = annotation + 1; i < comments.size() && comments[i].offset < *next; ++i) {
    if (!just_a_line_break(text.substr(end, comments[i].offset - end)) || !starts_line(text, comments[i].offset))
      return std::nullopt;
    end = comments[i].offset + comments[i].text.size();
  }
  if (!just_a_line_break(text.substr(end, *next - end))) return std::nullopt;
  return next - statement_offsets.begin();
}

// The rest of a "-- DIRECTIVE rest" comment, or nothing when it is not that directive.
std::optional<std::size_t> after_directive(std::string_view comment, std::string_view directive) {
  if (!comment.starts_with("--")) return std::nullopt;
  std::size_t pos = 2;
  while (pos < comment.size() && is_blank(comment[pos])) ++pos;
  if (comment.substr(pos, directive.size()) != directive) return std::nullopt;
  pos += directive.size();
  if (pos < comment.size() && !is_blank(comment[pos])) return std::nullopt;  // another directive
  return pos;
}

}  // namespace

Silenced read_annotations(const std::string& file, std::string_view text,
                          const std::vector<std::size_t>& statement_offsets) {
  Silenced silenced{.file = {}, .statement = std::vector<std::set<LintRule>>(statement_offsets.size())};
  const std::vector<schema::Comment> comments = schema::comments_in(file, text);
  for (std::size_t i = 0; i < comments.size(); ++i) {
    const schema::Comment& comment = comments[i];
    std::string_view written = comment.text;
    if (auto rest = after_directive(written, ignore_file)) {
      silenced.file.merge(rules_named(file, text, ignore_file, comment.offset + *rest, written.substr(*rest)));
    } else if (auto rest = after_directive(written, ignore_statement)) {
      std::set<LintRule> rules =
          rules_named(file, text, ignore_statement, comment.offset + *rest, written.substr(*rest));
      if (auto statement = annotated_statement(text, comments, i, statement_offsets))
        silenced.statement[*statement].merge(rules);
    }
  }
  return silenced;
}

}  // namespace schemactl::planner
