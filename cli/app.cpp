#include "cli/app.hpp"

#include <clocale>
#include <cstdio>
#include <functional>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/config.hpp"
#include "cli/exit_codes.hpp"
#include "cli/migrations.hpp"
#include "engine/connection.hpp"
#include "engine/executor.hpp"
#include "schema/source.hpp"

namespace schemactl::cli {
namespace {

void add_common(CLI::App& command, CommonOptions& options, bool with_schema) {
  command.add_option("--config", options.config, "schemactl.toml to read (default: ./schemactl.toml if present)");
  command.add_option("--url", options.url, "target database (libpq URL or key=value; default DATABASE_URL, PG*)");
  if (with_schema) {
    command.add_option("--schema", options.schema, "desired state: schema file, directory or glob (repeatable)");
    command.add_option("--dev-url", options.dev_url,
                       "scratch server where temporary databases may be created, or \"embedded\"");
  }
}

// --no-verify, for the commands that plan.
void add_no_verify(CLI::App& command, CommonOptions& options) {
  command.add_flag("--no-verify", options.no_verify,
                   "do not prove the plan on a schema-only copy of the current state first");
}

// --privileges, for the commands that read schemas.
void add_privileges(CLI::App& command, CommonOptions& options) {
  command.add_flag("--privileges", options.privileges,
                   "manage table and column privileges (GRANT/REVOKE), as manage_privileges = true");
}

// --env, for the commands that talk to a deployment target.
void add_env(CLI::App& command, CommonOptions& options) {
  command.add_option("--env", options.env, "[environments.NAME] of schemactl.toml: its URL variable and settings");
}

// What apply and rollback share: hazards, dry run, lock, confirmation.
void add_apply_flags(CLI::App& command, ApplyOptions& options) {
  add_env(command, options);
  command.add_option("--allow-hazards", options.allow_hazards,
                     "comma list of hazard names, or all (added to the environment's allow_hazards)");
  command.add_flag("--dry-run", options.dry_run, "show what would run, run nothing");
  command.add_flag("--no-wait", options.no_wait, "exit if another apply holds the lock, instead of waiting");
  command.add_flag("--yes", options.yes, "confirm running in an environment with require_yes");
}

// --format, limited to the formats the command can print.
void add_format(CLI::App& command, std::string& format, const std::vector<std::string>& formats) {
  std::string listed;
  for (const auto& name : formats) listed += (listed.empty() ? "" : ", ") + name;
  command.add_option("--format", format, listed)->check(CLI::IsMember(formats));
}

}  // namespace

int run(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  CLI::App app{"schemactl: declarative, online schema migrations for PostgreSQL"};
  app.set_version_flag("--version", SCHEMACTL_VERSION);
  app.require_subcommand(1);
  std::function<int()> command;

  std::string init_directory = ".";
  auto* init = app.add_subcommand("init", "scaffold schemactl.toml, schema/ and migrations/");
  init->add_option("directory", init_directory, "where (default: here)");
  init->callback([&] { command = [&] { return run_init(init_directory); }; });

  CommonOptions inspect_options;
  auto* inspect = app.add_subcommand("inspect", "print a database's schema in canonical form");
  add_common(*inspect, inspect_options, false);
  add_privileges(*inspect, inspect_options);
  add_format(*inspect, inspect_options.format, {"sql", "json", "text"});
  inspect->callback([&] { command = [&] { return run_inspect(inspect_options); }; });

  CommonOptions diff_options;
  std::string from, to;
  auto* diff = app.add_subcommand("diff", "unified diff of two states (each a database URL or schema path)");
  add_common(*diff, diff_options, true);
  add_privileges(*diff, diff_options);
  diff->add_option("from", from, "current state")->required();
  diff->add_option("to", to, "desired state")->required();
  diff->callback([&] { command = [&] { return run_diff(diff_options, from, to); }; });

  PlanOptions plan_options;
  auto* plan = app.add_subcommand("plan", "print the online plan from the database to the desired schema");
  add_common(*plan, plan_options, true);
  add_format(*plan, plan_options.format, {"text", "sql", "json", "markdown"});
  add_env(*plan, plan_options);
  add_no_verify(*plan, plan_options);
  add_privileges(*plan, plan_options);
  plan->add_flag("--check", plan_options.check, "exit 2 when there is anything to do, 3 on an integrity failure");
  plan->add_option("--write", plan_options.write, "save the plan as migrations/<version>_<NAME>.sql (+ down file)");
  plan->callback([&] { command = [&] { return run_plan(plan_options); }; });

  ApplyOptions apply_options;
  auto* apply = app.add_subcommand("apply", "plan and apply the desired schema now, online");
  add_common(*apply, apply_options, true);
  add_format(*apply, apply_options.format, {"text", "sql", "json", "markdown"});
  add_apply_flags(*apply, apply_options);
  add_no_verify(*apply, apply_options);
  add_privileges(*apply, apply_options);
  apply->add_option("--phase", apply_options.phase,
                    "expand: only expand steps (before the deploy); contract: the contract steps left (after it)")
      ->check(CLI::IsMember({"expand", "contract"}));
  apply->callback([&] { command = [&] { return run_apply(apply_options); }; });

  CommonOptions status_options;
  auto* status = app.add_subcommand("status", "each migration: applied, pending, running or failed");
  add_common(*status, status_options, false);
  add_format(*status, status_options.format, {"text", "json"});
  add_env(*status, status_options);
  status->callback([&] { command = [&] { return run_status(status_options); }; });

  CommonOptions history_options;
  auto* history = app.add_subcommand("history", "every recorded apply of a migration, oldest first");
  add_common(*history, history_options, false);
  add_format(*history, history_options.format, {"text", "json"});
  add_env(*history, history_options);
  history->callback([&] { command = [&] { return run_history(history_options); }; });

  RollbackOptions rollback_options;
  auto* rollback = app.add_subcommand("rollback", "run the down migration of the last applied migration");
  add_common(*rollback, rollback_options, false);
  rollback->add_option("--dev-url", rollback_options.dev_url,
                       "scratch server for replaying earlier migrations, or \"embedded\"");
  add_apply_flags(*rollback, rollback_options);
  rollback->add_flag("--allow-irreversible", rollback_options.allow_irreversible,
                     "roll back a migration whose down file is IRREVERSIBLE: the schema comes back, the data not");
  rollback->callback([&] { command = [&] { return run_rollback(rollback_options); }; });

  CommonOptions verify_options;
  auto* verify = app.add_subcommand("verify", "check the migrations directory against its sum file (exit 3 if not)");
  verify->add_option("--config", verify_options.config, "schemactl.toml to read");
  verify->callback([&] { command = [&] { return run_verify(verify_options); }; });

  CommonOptions hash_options;
  auto* hash = app.add_subcommand("hash", "rewrite the sum file to accept the migrations as they are now");
  hash->add_option("--config", hash_options.config, "schemactl.toml to read");
  hash->callback([&] { command = [&] { return run_hash(hash_options); }; });

  std::vector<std::string> lint_files;
  std::string lint_format = "text";
  auto* lint = app.add_subcommand("lint", "online-safety rules on SQL migrations (exit 2 on findings)");
  lint->add_option("files", lint_files, "SQL files")->required();
  add_format(*lint, lint_format, {"text", "json"});
  lint->callback([&] { command = [&] { return run_lint(lint_files, lint_format); }; });

  std::string cluster_action, cluster_directory;
  auto* cluster = app.add_subcommand("cluster", "start or stop a throwaway local PostgreSQL in DIR");
  cluster->add_option("action", cluster_action, "start or stop")->required()->check(CLI::IsMember({"start", "stop"}));
  cluster->add_option("directory", cluster_directory, "where it lives")->required();
  cluster->callback([&] { command = [&] { return run_cluster(cluster_action, cluster_directory); }; });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? exit_ok : exit_error;
  }
  try {
    return command();
  } catch (const IntegrityError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return exit_integrity;
  } catch (const schema::SchemaError& error) {
    fmt::print(stderr, "{}\n", error.what());
  } catch (const ConfigError& error) {
    fmt::print(stderr, "{}\n", error.what());
  } catch (const engine::ConnectionError& error) {
    fmt::print(stderr, "error: {}\n", error.what());
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: {}\n", error.what());
  }
  return exit_error;
}

}  // namespace schemactl::cli
