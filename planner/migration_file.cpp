#include "planner/migration_file.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "planner/migration_dir.hpp"
#include "planner/render.hpp"
#include "schema/names.hpp"
#include "schema/source.hpp"

namespace schemactl::planner {
namespace {

constexpr std::string_view marker = "-- schemactl migration ";
constexpr std::string_view continuation = "--   ";  // the items of a list in the header or a preflight query

// ---- Writing ----------------------------------------------------------------------------

// A line break would end the comment and turn the rest into SQL.
std::string one_line(std::string_view text) {
  std::string line(text);
  std::replace_if(line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return line;
}

// What psql runs before a step's SQL, so it gets the step's timeouts too.
std::string set_statement(std::string_view setting, std::chrono::milliseconds duration) {
  return fmt::format("SET {} = '{}'", setting, format_duration(duration));
}

std::string title_lines(const MigrationHeader& header, Direction direction) {
  return fmt::format("{}{} {}{}\n-- from: {}\n-- to: {}\n", marker, header.version, header.name,
                     direction == Direction::down ? " down" : "", header.from, header.to);
}

std::string hazard_lines(const std::set<Hazard>& hazards) {
  if (hazards.empty()) return "-- hazards: none\n";
  std::string names, meanings;
  for (auto hazard : hazards) {
    names += fmt::format("{}{}", names.empty() ? "" : ",", hazard_name(hazard));
    meanings += fmt::format("{}{}: {}\n", continuation, hazard_name(hazard), hazard_meaning(hazard));
  }
  return "-- hazards: " + names + "\n" + meanings;
}

std::string list_lines(std::string_view title, const std::vector<std::string>& items) {
  if (items.empty()) return fmt::format("-- {}: none\n", title);
  std::string out = fmt::format("-- {}:\n", title);
  for (const auto& item : items) out += fmt::format("{}{}\n", continuation, one_line(item));
  return out;
}

// "table=public.orders column=public_id value=DEFAULT keys=id"; keys=ctid when the
// table has no primary key (no column can be named ctid).
std::string backfill_line(const engine::Backfill& backfill) {
  if (backfill.value_sql.find_first_of("\r\n") != std::string::npos)
    throw std::invalid_argument(fmt::format("the backfill value of {} spans lines: {}",
                                            schema::quote_ident(backfill.column), backfill.value_sql));
  std::string keys;
  for (const auto& key : backfill.key_columns) keys += (keys.empty() ? "" : ",") + schema::quote_ident(key);
  return fmt::format("-- backfill: table={} column={} value={} keys={}\n", schema::quote_name(backfill.table),
                     schema::quote_ident(backfill.column), backfill.value_sql, keys.empty() ? "ctid" : keys);
}

std::string step_block(const PlannedStep& planned, std::size_t number) {
  const engine::Step& step = planned.step;
  std::string out = fmt::format("\n-- {}\n-- object: {}\n-- why: {}\n", one_line(step_header(planned, number)),
                                one_line(planned.object), one_line(planned.why));
  if (step.backfill) out += backfill_line(*step.backfill);
  for (const auto& check : step.preflight) {
    out += fmt::format("-- preflight: {}\n", one_line(check.description));
    std::string_view query = check.rows_sql;
    while (!query.empty()) {
      auto end = std::min(query.find('\n'), query.size());
      out += fmt::format("{}{}\n", continuation, query.substr(0, end));
      query.remove_prefix(std::min(end + 1, query.size()));
    }
  }
  out += set_statement("lock_timeout", step.lock_timeout) + ";\n";
  out += set_statement("statement_timeout", step.statement_timeout) + ";\n";
  if (!planned.lint_ignore.empty()) out += fmt::format("-- schemactl:ignore {}\n", one_line(planned.lint_ignore));
  return out + step.sql + ";\n";
}

std::string write_plan(const MigrationHeader& header, Direction direction, const Plan& plan) {
  std::string out = title_lines(header, direction) + hazard_lines(plan.hazards()) + list_lines("summary", plan.summary);
  for (const auto& warning : plan.warnings) out += fmt::format("-- warning: {}\n", one_line(warning));
  for (std::size_t i = 0; i < plan.steps.size(); ++i) out += step_block(plan.steps[i], i + 1);
  return out;
}

MigrationHeader reversed(const MigrationHeader& up) { return {up.version, up.name, up.to, up.from}; }

// ---- Reading ----------------------------------------------------------------------------

[[noreturn]] void fail(const std::string& file, int line, std::string_view message) {
  throw std::runtime_error(fmt::format("{}:{}: {}", file, line, message));
}

// Line n is lines[n - 1]; a trailing '\r' is dropped.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.push_back(line);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

std::vector<std::string_view> split(std::string_view text, std::string_view separator) {
  std::vector<std::string_view> parts;
  for (auto at = text.find(separator); at != std::string_view::npos; at = text.find(separator)) {
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + separator.size());
  }
  parts.push_back(text);
  return parts;
}

bool consume(std::string_view& text, std::string_view prefix) {
  if (!text.starts_with(prefix)) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// One identifier as quote_ident writes it: bare, or in double quotes with "" for ".
std::optional<std::string> read_identifier(std::string_view& text) {
  std::string name;
  if (!consume(text, "\"")) {
    name = text.substr(0, std::min(text.find_first_of(" .,"), text.size()));
    text.remove_prefix(name.size());
    return name.empty() ? std::nullopt : std::optional(name);
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') {
      name += text[i];
    } else if (i + 1 < text.size() && text[i + 1] == '"') {
      name += '"';
      ++i;
    } else {
      text.remove_prefix(i + 1);
      return name;
    }
  }
  return std::nullopt;
}

// The inverse of backfill_line, without its "-- backfill: ".
std::optional<engine::Backfill> parse_backfill(std::string_view spec) {
  engine::Backfill backfill;
  if (!consume(spec, "table=")) return std::nullopt;
  auto schema = read_identifier(spec);
  if (!schema || !consume(spec, ".")) return std::nullopt;
  auto table = read_identifier(spec);
  if (!table || !consume(spec, " column=")) return std::nullopt;
  auto column = read_identifier(spec);
  if (!column || !consume(spec, " value=")) return std::nullopt;
  auto keys_at = spec.rfind(" keys=");  // the value is SQL and may hold anything before it
  if (keys_at == std::string_view::npos) return std::nullopt;
  backfill.table = {*schema, *table};
  backfill.column = *column;
  backfill.value_sql = spec.substr(0, keys_at);
  spec.remove_prefix(keys_at + std::string_view(" keys=").size());
  if (spec == "ctid") return backfill;
  do {
    auto key = read_identifier(spec);
    if (!key) return std::nullopt;
    backfill.key_columns.push_back(*key);
  } while (consume(spec, ","));
  return spec.empty() ? std::optional(backfill) : std::nullopt;
}

// "step 3 · expand · no-tx[ · backfill OBJECT · batch=adaptive] · lock_timeout=2s
// statement_timeout=0[ · hazards: A,B]", as step_header writes it; the object may
// hold anything, so the timeouts and hazards are read from the end.
ReadStep read_step_header(const std::string& file, int line, std::string_view header, std::size_t number,
                          bool& batches) {
  auto parts = split(header.substr(3), " · ");
  if (parts.size() < 4 || parts[0] != fmt::format("step {}", number))
    fail(file, line, fmt::format("expected `-- step {} · ...`: steps are numbered from 1, in order", number));
  ReadStep read;
  read.line = line;
  read.phase = parts[1];
  if (read.phase != phase_name(Phase::expand) && read.phase != phase_name(Phase::contract))
    fail(file, line, fmt::format("unknown phase '{}' (expand or contract)", read.phase));
  batches = parts[2] == "batches";
  if (parts[2] == "tx") read.step.tx = engine::TxMode::shared;
  else if (parts[2] == "own-tx") read.step.tx = engine::TxMode::own;
  else if (parts[2] == "no-tx" || batches) read.step.tx = engine::TxMode::none;  // a backfill's batches commit one by one
  else fail(file, line, fmt::format("unknown transaction mode '{}' (tx, own-tx, no-tx or batches)", parts[2]));

  if (consume(parts.back(), "hazards: ")) {
    for (auto name : split(parts.back(), ",")) {
      if (!parse_hazard(name)) fail(file, line, fmt::format("unknown hazard '{}'", name));
      read.hazards.emplace_back(name);
    }
    parts.pop_back();
  }
  auto timeouts = parts.back();
  std::optional<std::chrono::milliseconds> lock, statement;
  if (consume(timeouts, "lock_timeout=")) {
    auto space = std::min(timeouts.find(' '), timeouts.size());
    lock = parse_duration(timeouts.substr(0, space));
    timeouts.remove_prefix(space);
    if (consume(timeouts, " statement_timeout=")) statement = parse_duration(timeouts);
  }
  if (!lock || !statement)
    fail(file, line, "expected `lock_timeout=<duration> statement_timeout=<duration>` in the step header");
  read.step.lock_timeout = *lock;
  read.step.statement_timeout = *statement;
  return read;
}

// The comments under a step header: object, backfill spec and preflight checks.
void read_step_comments(const std::string& file, const std::vector<std::string_view>& lines, int from, int to,
                        ReadStep& read) {
  bool in_preflight = false;
  for (int n = from; n < to && lines[n - 1].starts_with("--"); ++n) {
    std::string_view line = lines[n - 1];
    if (in_preflight && consume(line, continuation)) {
      std::string& query = read.step.preflight.back().rows_sql;
      query += fmt::format("{}{}", query.empty() ? "" : "\n", line);
      continue;
    }
    in_preflight = consume(line, "-- preflight: ");
    if (in_preflight) {
      read.step.preflight.push_back({std::string(line), ""});
    } else if (consume(line, "-- object: ")) {
      read.object = line;
    } else if (consume(line, "-- backfill: ")) {
      read.step.backfill = parse_backfill(line);
      if (!read.step.backfill)
        fail(file, n, "expected `-- backfill: table=<schema>.<table> column=<column> value=<sql> keys=<columns>|ctid`");
    }
  }
}

int last_line(const schema::Statement& statement) {
  return statement.line + static_cast<int>(std::count(statement.sql.begin(), statement.sql.end(), '\n'));
}

// The step's SQL: its statements after the two SET lines, verbatim from the text.
void read_step_sql(const std::string& file, std::string_view text, const std::vector<const schema::Statement*>& statements,
                   ReadStep& read) {
  std::size_t number = 0;
  for (auto [setting, duration] : {std::pair{"lock_timeout", read.step.lock_timeout},
                                   std::pair{"statement_timeout", read.step.statement_timeout}}) {
    auto expected = set_statement(setting, duration);
    if (number >= statements.size() || statements[number]->sql != expected)
      fail(file, number < statements.size() ? statements[number]->line : read.line,
           fmt::format("expected `{};` as the step header says", expected));
    ++number;
  }
  if (number == statements.size()) fail(file, read.line, "the step has no SQL");
  const schema::Statement& first = *statements[number];
  const schema::Statement& last = *statements.back();
  read.step.sql = text.substr(first.offset, last.offset + last.sql.size() - first.offset);
}

void read_steps(Migration& migration, std::string_view text, const std::vector<std::string_view>& lines) {
  const std::string& file = migration.file;
  auto statements = schema::split_statements(file, text);
  // Step headers are the `-- step` lines outside any statement: a function body may hold any text.
  std::vector<int> headers;
  std::size_t next = 0;
  for (int n = 1; n <= static_cast<int>(lines.size()); ++n) {
    while (next < statements.size() && last_line(statements[next]) < n) ++next;
    bool inside = next < statements.size() && statements[next].line <= n;
    if (!inside && lines[n - 1].starts_with("-- step ")) headers.push_back(n);
  }
  if (!statements.empty() && (headers.empty() || statements.front().line < headers.front()))
    fail(file, statements.front().line, "a statement before the first `-- step` header");

  next = 0;
  for (std::size_t k = 0; k < headers.size(); ++k) {
    int from = headers[k], to = k + 1 < headers.size() ? headers[k + 1] : static_cast<int>(lines.size()) + 1;
    bool batches = false;
    ReadStep read = read_step_header(file, from, lines[from - 1], k + 1, batches);
    read_step_comments(file, lines, from + 1, to, read);
    if (batches != read.step.backfill.has_value())
      fail(file, from, batches ? "a `batches` step needs its `-- backfill:` line" : "only a `batches` step backfills");
    std::vector<const schema::Statement*> own;
    for (; next < statements.size() && statements[next].line < to; ++next) own.push_back(&statements[next]);
    read_step_sql(file, text, own, read);
    migration.steps.push_back(std::move(read));
  }
}

void read_generated(Migration& migration, std::string_view text, const std::vector<std::string_view>& lines) {
  const std::string& file = migration.file;
  migration.generated = true;
  auto title = split(lines[0].substr(marker.size()), " ");
  bool down = title.size() == 3 && title[2] == "down";
  if ((title.size() != 2 && !down) || title[0].empty() || title[1].empty() ||
      title[1].find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string_view::npos)
    fail(file, 1, fmt::format("expected `{}<version> <name>[ down]`, the name in [a-z0-9_]", marker));
  migration.header.version = title[0];
  migration.header.name = title[1];
  migration.direction = down ? Direction::down : Direction::up;
  auto planned_as = migration_file_name(title[0], title[1], migration.direction);
  if (std::filesystem::path(file).filename() != planned_as)
    fail(file, 1, fmt::format("the header is that of {}: a migration keeps the file name it was planned with",
                              planned_as));

  bool irreversible = false;
  for (std::size_t i = 1; i < lines.size() && lines[i].starts_with("--"); ++i) {
    std::string_view line = lines[i];
    if (consume(line, "-- from: ")) migration.header.from = line;
    else if (consume(line, "-- to: ")) migration.header.to = line;
    else if (line == "-- irreversible:") irreversible = true;
    else if (irreversible && consume(line, continuation)) migration.irreversible.emplace_back(line);
    else irreversible = false;
  }
  if (migration.header.from.empty() || migration.header.to.empty())
    fail(file, 2, "expected `-- from: sha256:...` and `-- to: sha256:...` under the first line");

  read_steps(migration, text, lines);
  if (!migration.irreversible.empty() && !migration.steps.empty())
    fail(file, migration.steps.front().line, "an irreversible down migration has no steps");
}

// A hand-written file: one step per statement, transactional ones sharing transactions.
void read_hand_written(Migration& migration, std::string_view text) {
  auto named = parse_migration_file_name(std::filesystem::path(migration.file).filename().string());
  if (!named)
    throw std::runtime_error(fmt::format(
        "{}: a migration is named <version>_<name>.sql, e.g. 0001_fix_emails.sql or 20261122T033000Z_fix_emails.sql",
        migration.file));
  migration.header.version = named->version;
  migration.header.name = named->name;
  migration.direction = named->direction;
  for (auto& statement : schema::split_statements(migration.file, text)) {
    if (statement.kind == "TransactionStmt") {
      std::string command = statement.sql.substr(0, statement.sql.find_first_of(" \t\r\n"));
      std::transform(command.begin(), command.end(), command.begin(), [](unsigned char c) { return std::toupper(c); });
      fail(migration.file, statement.line,
           fmt::format("{} is not allowed in a migration: schemactl manages transactions (consecutive statements "
                       "share one; CONCURRENTLY and the like run outside any); remove the transaction control",
                       command));
    }
    ReadStep read;
    read.step.sql = std::move(statement.sql);
    read.step.tx = statement.transactional ? engine::TxMode::shared : engine::TxMode::none;
    read.step.statement_timeout = std::chrono::milliseconds(0);  // a data fix may run long; locks still time out
    read.line = statement.line;
    migration.steps.push_back(std::move(read));
  }
}

}  // namespace

std::string write_migration(const MigrationHeader& header, const Plan& plan) {
  return write_plan(header, Direction::up, plan);
}

std::string write_down_migration(const MigrationHeader& up, const Plan& down) {
  return write_plan(reversed(up), Direction::down, down);
}

std::string write_irreversible_down(const MigrationHeader& up, const std::vector<std::string>& reasons) {
  if (reasons.empty()) throw std::invalid_argument("an irreversible down migration needs a reason");
  return title_lines(reversed(up), Direction::down) + hazard_lines({Hazard::irreversible}) +
         list_lines("irreversible", reasons);
}

Migration read_migration(const std::string& file_name, std::string_view text) {
  Migration migration{.file = file_name, .text = std::string(text)};
  auto lines = split_lines(text);
  if (!lines.empty() && lines[0].starts_with(marker))
    read_generated(migration, text, lines);
  else
    read_hand_written(migration, text);
  return migration;
}

}  // namespace schemactl::planner
