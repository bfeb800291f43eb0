// migrations/schemactl.sum: a hash chain over every migration file, so an edited,
// removed, added or reordered file is caught before anything runs.
//
//   schemactl-sum v1
//   20261122T033000Z_add_public_id.sql sha256:<file> chain:sha256:<chain>
//   20261122T033000Z_add_public_id.down.sql sha256:<file> chain:sha256:<chain>
//   total chain:sha256:<chain>
//
// One line per file, in list order, a down file after its up file. Each chain is
// sha256(previous chain hex + file hex), starting from sha256(""), so `total` is the
// last chain, or sha256("") for an empty directory.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace schemactl::planner {

inline constexpr std::string_view sum_file_name = "schemactl.sum";

struct IntegrityProblem {
  std::string file;     // a file name in the directory: a migration's, or schemactl.sum
  std::string message;  // what is wrong and what to do
};

// The sum file's text for the migrations in `dir` as they are now.
std::string compute_sum(const std::filesystem::path& dir);

// Writes compute_sum(dir) to dir/schemactl.sum (replacing it in one rename).
void write_sum(const std::filesystem::path& dir);

// What differs between dir/schemactl.sum and the files; empty when they agree. A
// directory list_migrations refuses throws as it does.
std::vector<IntegrityProblem> verify_sum(const std::filesystem::path& dir);

}  // namespace schemactl::planner
