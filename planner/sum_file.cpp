#include "planner/sum_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "planner/migration_dir.hpp"
#include "schema/fingerprint.hpp"
#include "schema/source.hpp"

namespace schemactl::planner {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view version_line = "schemactl-sum v1";

struct SumLine {
  std::string file;
  std::string hash;   // hex, of the file's bytes
  std::string chain;  // hex, sha256(previous chain + hash)
  bool operator==(const SumLine&) const = default;
};

std::string next_chain(const std::string& previous, const std::string& hash) {
  return schema::sha256_hex(previous + hash);
}

// The migration files as they are now, in list order, a down file after its up file.
std::vector<SumLine> hash_files(const fs::path& dir) {
  std::vector<SumLine> lines;
  std::string chain = schema::sha256_hex("");
  auto add = [&](const fs::path& file) {
    std::string hash = schema::sha256_hex(schema::read_file(file));
    chain = next_chain(chain, hash);
    lines.push_back({file.filename().string(), hash, chain});
  };
  for (const MigrationEntry& entry : list_migrations(dir)) {
    add(entry.up);
    if (entry.down) add(*entry.down);
  }
  return lines;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (auto at = text.find(separator); at != std::string_view::npos; at = text.find(separator)) {
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + 1);
  }
  parts.push_back(text);
  return parts;
}

bool has_merge_conflict(std::string_view text) {
  for (auto line : split(text, '\n'))
    for (std::string_view marker : {"<<<<<<<", "|||||||", "=======", ">>>>>>>"})
      if (line.starts_with(marker)) return true;
  return false;
}

// Reads the lines of a sum file into `lines`, checking that they chain; the error
// names the first line that is wrong.
std::optional<std::string> parse_sum(std::string_view text, std::vector<SumLine>& lines) {
  auto rows = split(text, '\n');
  if (rows.back().empty()) rows.pop_back();
  if (rows.empty() || rows.front() != version_line) return fmt::format("line 1: expected `{}`", version_line);
  std::string chain = schema::sha256_hex("");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto fields = split(rows[i], ' ');
    bool total = i + 1 == rows.size();
    std::string_view hash, recorded_chain;
    bool well_formed = total ? fields.size() == 2 && fields[0] == "total"
                             : fields.size() == 3 && fields[1].starts_with("sha256:");
    if (well_formed) {
      hash = total ? "" : fields[1].substr(7);
      recorded_chain = fields.back();
      well_formed = recorded_chain.starts_with("chain:sha256:");
      recorded_chain.remove_prefix(std::min(recorded_chain.size(), std::string_view("chain:sha256:").size()));
    }
    if (!well_formed)
      return fmt::format("line {}: expected `{}`", i + 1,
                         total ? "total chain:sha256:<hex>" : "<file> sha256:<hex> chain:sha256:<hex>");
    if (!total) chain = next_chain(chain, std::string(hash));
    if (recorded_chain != chain)
      return fmt::format("line {}: the chain does not follow from the lines above: the file was edited by hand", i + 1);
    if (!total) lines.push_back({std::string(fields[0]), std::string(hash), chain});
  }
  if (rows.size() < 2) return fmt::format("line {}: expected `total chain:sha256:<hex>` last", rows.size() + 1);
  return std::nullopt;
}

std::vector<std::string> sorted_hashes(const std::vector<SumLine>& lines) {
  std::vector<std::string> hashes;
  for (const SumLine& line : lines) hashes.push_back(line.hash);
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

const SumLine* find_file(const std::vector<SumLine>& lines, const std::string& file) {
  auto found = std::find_if(lines.begin(), lines.end(), [&](const SumLine& line) { return line.file == file; });
  return found == lines.end() ? nullptr : &*found;
}

}  // namespace

std::string compute_sum(const fs::path& dir) {
  auto lines = hash_files(dir);
  std::string out = fmt::format("{}\n", version_line);
  for (const SumLine& line : lines) out += fmt::format("{} sha256:{} chain:sha256:{}\n", line.file, line.hash, line.chain);
  return out + fmt::format("total chain:sha256:{}\n", lines.empty() ? schema::sha256_hex("") : lines.back().chain);
}

void write_sum(const fs::path& dir) {
  std::string text = compute_sum(dir);
  fs::path sum = dir / sum_file_name;
  fs::path temporary = sum;
  temporary += ".tmp";
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error(fmt::format("{}: cannot write: {}", temporary.string(), std::strerror(errno)));
  fs::rename(temporary, sum);  // readers see the old sum or the new one, never half of one
}

std::vector<IntegrityProblem> verify_sum(const fs::path& dir) {
  const std::string sum(sum_file_name);
  auto actual = hash_files(dir);
  if (!fs::exists(dir / sum_file_name)) {
    if (actual.empty()) return {};
    return {{sum, "missing, but the directory holds migrations: run `schemactl hash` to create it"}};
  }
  std::string text = schema::read_file(dir / sum_file_name);
  if (has_merge_conflict(text))
    return {{sum,
             "schemactl.sum has a merge conflict: two branches added migrations; resolve it by deleting the "
             "migration your branch added (and its .down.sql) and running `schemactl hash`, which rewrites "
             "schemactl.sum from the merged files; then plan your change again with `schemactl plan --write <name>`"}};
  std::vector<SumLine> recorded;
  if (auto error = parse_sum(text, recorded))
    return {{sum, *error + "; run `schemactl hash` to rewrite it once the migrations are as they should be"}};
  if (recorded == actual) return {};

  // The same files under other names or in another order: name a renamed file, else
  // the first one out of place, with where it was when hashed.
  if (sorted_hashes(recorded) == sorted_hashes(actual)) {
    auto moved = std::find_if(actual.begin(), actual.end(),
                              [&](const SumLine& line) { return find_file(recorded, line.file) == nullptr; });
    if (moved == actual.end()) moved = std::mismatch(actual.begin(), actual.end(), recorded.begin()).first;
    auto was = std::find_if(recorded.begin(), recorded.end(), [&](const SumLine& line) { return line.hash == moved->hash; });
    return {{moved->file,
             fmt::format("order changed: hashed as {} at place {}, now at place {}; a migration's version must not "
                         "change once committed: give it back its name, or run `schemactl hash` if none of them was "
                         "applied anywhere",
                         was->file, was - recorded.begin() + 1, moved - actual.begin() + 1)}};
  }
  std::vector<IntegrityProblem> problems;
  for (const SumLine& file : actual) {
    const SumLine* line = find_file(recorded, file.file);
    if (line == nullptr)
      problems.push_back({file.file,
                          "not in schemactl.sum: added by hand? run `schemactl hash` to accept it; or another "
                          "branch's migration: check the migration chain for a branch conflict"});
    else if (line->hash != file.hash)
      problems.push_back({file.file,
                          "edited after it was hashed (its sha256 differs from schemactl.sum's): an applied "
                          "migration must not change; undo the edit, or run `schemactl hash` if it was never "
                          "applied anywhere"});
  }
  for (const SumLine& line : recorded)
    if (find_file(actual, line.file) == nullptr)
      problems.push_back({line.file,
                          "removed: listed in schemactl.sum but not in the directory; restore it, or run "
                          "`schemactl hash` if it was never applied anywhere"});
  if (problems.empty())  // e.g. a line listed twice
    problems.push_back({sum, "does not match the directory's files: run `schemactl hash` to rewrite it"});
  return problems;
}

}  // namespace schemactl::planner
