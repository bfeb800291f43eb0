#include "planner/migration_dir.hpp"

#include <algorithm>
#include <ctime>
#include <stdexcept>
#include <tuple>

#include <fmt/format.h>

namespace schemactl::planner {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view digits = "0123456789";

// Versions order as numbers: the leading digits by value (0001 == 1 < 2 < 20261122),
// then what follows them (a timestamp's "T033000Z").
auto version_key(std::string_view version) {
  auto end = std::min(version.find_first_not_of(digits), version.size());
  std::string_view number = version.substr(0, end);
  number.remove_prefix(std::min(number.find_first_not_of('0'), number.size()));
  return std::tuple(number.size(), number, version.substr(end));
}

struct Found {
  MigrationFileName name;
  fs::path path;
};

}  // namespace

std::optional<MigrationFileName> parse_migration_file_name(std::string_view file_name) {
  MigrationFileName parsed;
  if (file_name.ends_with(".down.sql")) {
    parsed.direction = Direction::down;
    file_name.remove_suffix(std::string_view(".down.sql").size());
  } else if (file_name.ends_with(".sql")) {
    file_name.remove_suffix(std::string_view(".sql").size());
  } else {
    return std::nullopt;
  }
  auto end = std::min(file_name.find_first_not_of(digits), file_name.size());
  if (end == 0) return std::nullopt;
  if (file_name.substr(end).starts_with('T')) {  // a timestamp's time of day: T hhmmss Z
    auto time = file_name.substr(end + 1, 7);
    if (time.size() != 7 || time.find_first_not_of(digits) != 6 || time[6] != 'Z') return std::nullopt;
    end += 8;
  }
  if (file_name.substr(end, 1) != "_") return std::nullopt;
  parsed.version = file_name.substr(0, end);
  parsed.name = file_name.substr(end + 1);
  if (parsed.name.empty() ||
      parsed.name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
          std::string::npos)
    return std::nullopt;
  return parsed;
}

std::vector<MigrationEntry> list_migrations(const fs::path& dir) {
  if (!fs::is_directory(dir))
    throw std::runtime_error(fmt::format("{}: no such migrations directory (`schemactl init` creates it)", dir.string()));
  std::vector<Found> ups, downs;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") continue;
    auto name = parse_migration_file_name(entry.path().filename().string());
    if (!name)
      throw std::runtime_error(fmt::format(
          "{}: not named like a migration: <version>_<name>.sql, e.g. 20261122T033000Z_add_orders.sql or "
          "0001_init.sql, the name in letters, digits, '_' and '-'",
          entry.path().string()));
    (name->direction == Direction::up ? ups : downs).push_back({*name, entry.path()});
  }
  std::sort(ups.begin(), ups.end(), [](const Found& a, const Found& b) {
    return std::tuple(version_key(a.name.version), a.path) < std::tuple(version_key(b.name.version), b.path);
  });

  std::vector<MigrationEntry> entries;
  for (std::size_t i = 0; i < ups.size(); ++i) {
    if (i > 0 && version_key(ups[i - 1].name.version) == version_key(ups[i].name.version))
      throw std::runtime_error(fmt::format(
          "{} and {} have the same version: rename the one your branch added to a new version (a new "
          "`schemactl plan --write` gives one)",
          ups[i - 1].path.string(), ups[i].path.string()));
    entries.push_back({ups[i].name.version, ups[i].name.name, ups[i].path, std::nullopt});
  }
  for (const Found& down : downs) {
    auto up = std::find_if(entries.begin(), entries.end(), [&](const MigrationEntry& entry) {
      return entry.version == down.name.version && entry.name == down.name.name;
    });
    if (up == entries.end())
      throw std::runtime_error(fmt::format("{}: a down migration without its up migration {}", down.path.string(),
                                           migration_file_name(down.name.version, down.name.name)));
    up->down = down.path;
  }
  return entries;
}

std::string new_version(std::chrono::system_clock::time_point now) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

std::string sanitize_migration_name(std::string_view name) {
  std::string sanitized;
  bool gap = false;
  for (char c : name) {
    char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (!(lower >= 'a' && lower <= 'z') && !(lower >= '0' && lower <= '9')) {
      gap = true;
      continue;
    }
    if (gap && !sanitized.empty()) sanitized += '_';
    gap = false;
    sanitized += lower;
  }
  if (sanitized.empty())
    throw std::invalid_argument(
        fmt::format("migration name '{}' has no letters or digits: name it like add_orders_public_id", name));
  return sanitized;
}

std::string migration_file_name(std::string_view version, std::string_view name, Direction direction) {
  return fmt::format("{}_{}{}", version, sanitize_migration_name(name),
                     direction == Direction::down ? ".down.sql" : ".sql");
}

std::optional<std::string> find_branch_conflict(const std::vector<Migration>& migrations) {
  const Migration* previous = nullptr;  // the generated migration just before, if no hand-written one followed it
  for (const Migration& migration : migrations) {
    if (migration.direction == Direction::down) continue;
    if (!migration.generated) {
      previous = nullptr;
      continue;
    }
    if (previous != nullptr && migration.header.from != previous->header.to)
      return fmt::format(
          "{} was planned from {}, but {} before it leaves the schema at {}: two branches each planned a "
          "migration from the same state. Delete {} (and its .down.sql) and run `schemactl hash`, then run "
          "`schemactl plan --write {}` again on top of the merged migrations, which also rewrites schemactl.sum",
          migration.file, migration.header.from, previous->file, previous->header.to, migration.file,
          migration.header.name);
    previous = &migration;
  }
  return std::nullopt;
}

}  // namespace schemactl::planner
