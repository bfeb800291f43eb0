// One function per command; app.cpp parses the flags into these options.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace schemactl::cli {

struct CommonOptions {
  std::optional<std::string> config;   // --config
  std::optional<std::string> url;      // --url (else DATABASE_URL, else PG*)
  std::optional<std::string> dev_url;  // --dev-url
  std::vector<std::string> schema;     // --schema
  std::string format = "text";         // --format
  std::optional<std::string> env;      // --env NAME: [environments.NAME] of the config
  bool no_verify = false;              // --no-verify: skip proving the plan on a scratch copy
  bool privileges = false;             // --privileges: manage privileges, as manage_privileges = true
};

// schemactl.toml (--config) with --env applied: the environment's URL fills
// options.url unless --url was given. --privileges turns manage_privileges on.
struct Config;
Config load_settings(CommonOptions& options);

struct PlanOptions : CommonOptions {
  bool check = false;
  std::optional<std::string> write;  // --write NAME: save as a versioned migration
};

struct ApplyOptions : CommonOptions {
  std::string allow_hazards;  // added to the environment's allow_hazards
  bool dry_run = false;
  bool no_wait = false;  // another apply holds the lock: exit instead of waiting
  bool yes = false;      // confirms an environment with require_yes
  std::string phase;     // "expand", "contract", or empty: every step
};

struct RollbackOptions : ApplyOptions {
  bool allow_irreversible = false;
};

int run_init(const std::string& directory);
int run_inspect(const CommonOptions& options);
int run_diff(const CommonOptions& options, const std::string& from, const std::string& to);
int run_plan(PlanOptions options);
int run_apply(ApplyOptions options);
int run_cluster(const std::string& action, const std::string& directory);
int run_verify(const CommonOptions& options);
int run_status(CommonOptions options);
int run_history(CommonOptions options);
int run_hash(const CommonOptions& options);
int run_rollback(RollbackOptions options);

// Lints SQL migrations for online safety (text or json); exit 0 clean, 2 findings,
// 1 when a file cannot be read or parsed.
int run_lint(const std::vector<std::string>& files, const std::string& format);

}  // namespace schemactl::cli
