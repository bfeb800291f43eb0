#include "engine/desired_cache.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <iterator>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <pqxx/nontransaction>

#include "engine/connection.hpp"
#include "engine/desired_state.hpp"
#include "schema/catalog_owners.hpp"
#include "schema/catalog_store.hpp"
#include "schema/fingerprint.hpp"

namespace schemactl::engine {
namespace {

using nlohmann::json;

// Raised when the layout of the file or of the catalog fragments changes.
constexpr int cache_format = 1;

// One group of statements: the objects they define, joined where a statement names
// more than one (Statement::creates and ::owners).
struct Group {
  std::vector<std::size_t> statements;  // positions in the build order
  std::set<std::string> keys;           // what its statements create or own
  std::string hash;                     // of its statements' text, in order
  // Views, materialized views and functions: their definitions follow what they read.
  bool follows_references = false;
  bool special = false;                 // schemas and extensions: always built
};

struct Grouping {
  std::map<std::string, Group> groups;                 // by the smallest key
  std::unordered_map<std::string, std::string> group;  // key -> group name
  bool complete = true;  // every statement has an owner

  std::optional<std::string> group_of(const std::string& key) const {
    auto found = group.find(key);
    if (found == group.end()) return std::nullopt;
    return found->second;
  }
  // The group of a statement of a complete grouping.
  const std::string& group_of(const schema::Statement& statement) const {
    return group.at(statement.creates.empty() ? statement.owners.front() : statement.creates.front());
  }
};

// Union-find over keys.
struct Keys {
  std::unordered_map<std::string, std::string> parent;
  std::string find(const std::string& key) {
    auto [at, inserted] = parent.try_emplace(key, key);
    if (at->second == key) return key;
    std::string root = find(at->second);
    parent[key] = root;
    return root;
  }
  void unite(const std::string& a, const std::string& b) {
    std::string ra = find(a), rb = find(b);
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  }
};

bool is_special(const std::string& key) { return key.starts_with("schema:") || key.starts_with("ext:"); }

// Moving a statement to another file can reorder a group's statements without
// changing what they build, so their order counts only where it may decide the
// result: ALTER statements (the order of added columns), comments (the last one
// wins) and grants.
std::string statements_hash(const std::vector<const schema::Statement*>& members) {
  std::vector<std::string_view> texts;
  std::string ordered;
  for (const auto* statement : members) {
    texts.push_back(statement->sql);
    if (statement->kind.starts_with("Alter") || statement->kind == "CommentStmt" || statement->kind == "GrantStmt")
      ordered.append(statement->sql).push_back('\0');
  }
  std::sort(texts.begin(), texts.end());
  std::string all;
  for (auto text : texts) all.append(text).push_back('\0');
  return schema::sha256_hex(all + '\1' + ordered);
}

Grouping group_statements(const std::vector<schema::Statement>& statements) {
  Keys keys;
  Grouping grouping;
  for (const auto& statement : statements) {
    std::vector<std::string> own = statement.creates;
    own.insert(own.end(), statement.owners.begin(), statement.owners.end());
    if (own.empty()) {
      grouping.complete = false;
      return grouping;
    }
    for (const auto& key : own) keys.unite(own.front(), key);
  }
  keys.find("schema:public");  // every database has it, whether a statement names it or not
  // The root is the smallest key of its set: unite keeps the smaller one.
  for (const auto& [key, parent] : keys.parent) grouping.group[key] = keys.find(key);
  std::map<std::string, std::vector<const schema::Statement*>> members;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    const auto& statement = statements[i];
    const std::string& name = grouping.group_of(statement);
    Group& group = grouping.groups[name];
    group.statements.push_back(i);
    members[name].push_back(&statement);
    if (statement.kind == "ViewStmt" || statement.kind == "CreateTableAsStmt" ||
        statement.kind == "CreateFunctionStmt")
      group.follows_references = true;
  }
  for (const auto& [key, name] : grouping.group) {
    Group& group = grouping.groups[name];
    group.keys.insert(key);
    if (is_special(key)) group.special = true;
  }
  for (auto& [name, group] : grouping.groups) group.hash = statements_hash(members[name]);
  return grouping;
}

// ---- The cache file ---------------------------------------------------------------
// A header line (JSON: what the fragments are valid for), then per group its name,
// statements' hash, keys ('\0'-separated) and fragment, as stored strings.

struct CachedGroup {
  std::string hash;
  std::set<std::string> keys;
  schema::Catalog fragment;
};

using Cache = std::map<std::string, CachedGroup>;

json cache_header(const ScratchServer& server, const IntrospectOptions& options) {
  // The server, and the settings its deparsers' output depends on (dates, intervals
  // and floats in defaults and checks).
  auto connection = connect(server.conninfo());
  auto row = pqxx::nontransaction(*connection)
                 .exec1("SELECT version(), current_setting('DateStyle'), current_setting('IntervalStyle'), "
                        "current_setting('TimeZone'), current_setting('extra_float_digits')");
  json settings = json::array();
  for (const auto& field : row) settings.push_back(field.as<std::string>());
  // The binary: another schemactl may read the catalog differently, or lay it out so.
  struct stat self {};
  std::string binary = stat("/proc/self/exe", &self) == 0
                           ? std::to_string(self.st_size) + ":" + std::to_string(self.st_mtim.tv_sec) + "." +
                                 std::to_string(self.st_mtim.tv_nsec)
                           : "";
  return {{"format", cache_format},           {"server", settings},
          {"binary", binary},                 {"privileges", options.privileges},
          {"excluded", options.excluded_schemas}};
}

std::optional<Cache> read_cache(const std::filesystem::path& file, const json& header) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  try {
    if (json::parse(line) != header) return std::nullopt;
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string_view rest = content;
    Cache cache;
    while (!rest.empty()) {
      std::string name(schema::load_string(rest));
      CachedGroup& group = cache[name];
      group.hash = schema::load_string(rest);
      std::string_view keys = schema::load_string(rest);
      for (std::size_t end; !keys.empty(); keys.remove_prefix(end + 1)) {
        end = keys.find('\0');
        group.keys.emplace(keys.substr(0, end));
      }
      group.fragment = schema::load_catalog(schema::load_string(rest));
    }
    return cache;
  } catch (const std::exception&) {
    return std::nullopt;  // a damaged file: build in full
  }
}

// A cache that cannot be written only costs the next build time.
void write_cache(const std::filesystem::path& file, const json& header, const Grouping& grouping,
                 const schema::Fragments& fragments) {
  std::string content = header.dump() + '\n';
  static const schema::Catalog empty;
  for (const auto& [name, group] : grouping.groups) {
    std::string keys;
    for (const auto& key : group.keys) keys.append(key).push_back('\0');
    auto fragment = fragments.find(name);
    schema::store_string(content, name);
    schema::store_string(content, group.hash);
    schema::store_string(content, keys);
    schema::store_string(content, schema::store_catalog(fragment == fragments.end() ? empty : fragment->second));
  }
  schema::write_file_atomically(file, content);
}

// ---- What to rebuild ------------------------------------------------------------

// The groups each group's statements reference, itself left out.
std::map<std::string, std::set<std::string>> referenced_groups(const Grouping& grouping,
                                                               const std::vector<schema::Statement>& statements) {
  std::map<std::string, std::set<std::string>> references;
  for (const auto& [name, group] : grouping.groups) {
    auto& into = references[name];
    for (std::size_t i : group.statements)
      for (const auto& key : statements[i].references)
        if (auto other = grouping.group_of(key); other && *other != name) into.insert(*other);
  }
  return references;
}

struct Rebuild {
  std::set<std::string> dirty;  // built from their statements
  std::set<std::string> stubs;  // built from their cached fragments, for the dirty ones to reference
};

bool holds_tables(const Cache& cache, const std::string& group) { return !cache.at(group).fragment.tables.empty(); }

// What a stub needs in turn: a table (its foreign keys left out) only the types,
// functions and sequences its columns, defaults and checks use; anything else all it references.
std::set<std::string> stub_needs(const std::string& group, const Cache& cache,
                                 const std::map<std::string, std::set<std::string>>& references) {
  if (!holds_tables(cache, group)) return references.at(group);
  std::set<std::string> needs;
  for (const auto& other : references.at(group))
    if (!cache.contains(other) || !holds_tables(cache, other)) needs.insert(other);
  return needs;
}

std::optional<Rebuild> plan_rebuild(const Grouping& grouping, const Cache& cache,
                                    const std::vector<schema::Statement>& statements) {
  auto references = referenced_groups(grouping, statements);
  std::map<std::string, std::set<std::string>> referencers;
  for (const auto& [name, referenced] : references)
    for (const auto& other : referenced) referencers[other].insert(name);

  std::set<std::string> removed_keys;  // defined by the cached schema, by nothing now
  for (const auto& [name, cached] : cache)
    if (!grouping.groups.contains(name))
      for (const auto& key : cached.keys)
        if (!grouping.group.contains(key)) removed_keys.insert(key);

  Rebuild rebuild;
  std::vector<std::string> queue;
  std::set<std::string> changed;
  for (const auto& [name, group] : grouping.groups) {
    auto cached = cache.find(name);
    bool is_changed = cached == cache.end() || cached->second.hash != group.hash;
    for (std::size_t i = 0; i < group.statements.size() && !is_changed; ++i)
      for (const auto& key : statements[group.statements[i]].references)
        if (removed_keys.contains(key)) is_changed = true;
    if (is_changed && group.special && !group.keys.begin()->starts_with("schema:")) return std::nullopt;
    if (is_changed || group.special) {
      rebuild.dirty.insert(name);
      if (is_changed) changed.insert(name);
      if (is_changed) queue.push_back(name);
    }
  }
  for (const auto& [name, cached] : cache)  // a removed extension: what it provided is unknown here
    if (!grouping.groups.contains(name) && !cached.fragment.extensions.empty()) return std::nullopt;

  // What references a changed group is rebuilt with it, and on through views and functions.
  while (!queue.empty()) {
    std::string name = std::move(queue.back());
    queue.pop_back();
    // A schema's comment or grants are nothing its objects' definitions read.
    const Group& group = grouping.groups.at(name);
    if (group.special || (!changed.contains(name) && !group.follows_references)) continue;
    for (const auto& referencer : referencers[name])
      if (rebuild.dirty.insert(referencer).second) queue.push_back(referencer);
  }

  // Stubs for what the rebuilt groups reference; a stub that needs a rebuilt group
  // is rebuilt itself, since it could not be created before it.
  while (true) {
    rebuild.stubs.clear();
    std::vector<std::string> pending;
    for (const auto& name : rebuild.dirty)
      for (const auto& other : references[name]) pending.push_back(other);
    std::set<std::string> grow;
    while (!pending.empty()) {
      std::string name = std::move(pending.back());
      pending.pop_back();
      if (rebuild.dirty.contains(name) || !rebuild.stubs.insert(name).second) continue;
      for (const auto& need : stub_needs(name, cache, references)) {
        if (grouping.groups.contains(need) && grouping.groups.at(need).special) continue;  // built first
        if (rebuild.dirty.contains(need)) grow.insert(name);
        else pending.push_back(need);
      }
    }
    if (grow.empty()) return rebuild;
    rebuild.dirty.insert(grow.begin(), grow.end());
  }
}

// ---- Building -------------------------------------------------------------------

DesiredBuild build_in_full(const ScratchServer& server, const std::vector<schema::Statement>& statements,
                           const IntrospectOptions& options, const std::filesystem::path& cache_file,
                           const json& header, const Grouping& grouping) {
  DesiredBuild build{.catalog = build_desired_catalog(server, statements, options)};
  build.groups = build.rebuilt_groups = grouping.groups.size();
  if (!grouping.complete) return build;
  auto fragments = schema::split_by_group(build.catalog, [&](const std::string& key) { return grouping.group_of(key); });
  if (fragments) write_cache(cache_file, header, grouping, *fragments);
  return build;
}

bool contains_like(std::string_view sql) {
  std::string lower(sql);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("like") != std::string::npos;
}

// Every group's fragment: the rebuilt ones from the scratch database, the others
// moved out of `cache`.
std::optional<schema::Fragments> build_incrementally(
    const ScratchServer& server, const std::vector<schema::Statement>& statements, const IntrospectOptions& options,
    const Grouping& grouping, Cache& cache, const Rebuild& rebuild) {
  std::vector<schema::Statement> specials, dirty;
  for (const auto& statement : statements) {
    const std::string& name = grouping.group_of(statement);
    if (grouping.groups.at(name).special) specials.push_back(statement);
    else if (rebuild.dirty.contains(name)) dirty.push_back(statement);
  }
  // CREATE TABLE (LIKE t INCLUDING ...) copies what a stub of t leaves out (its
  // indexes, comments): such a table is built in full. Any LIKE in the text counts.
  for (const auto& statement : dirty)
    if (statement.kind == "CreateStmt" && contains_like(statement.sql)) return std::nullopt;
  std::vector<schema::Catalog> stubs;
  for (const auto& name : rebuild.stubs) stubs.push_back(schema::stub_of(cache.at(name).fragment));

  std::vector<std::string> roles;
  for (const auto& statement : statements) roles.insert(roles.end(), statement.roles.begin(), statement.roles.end());
  server.ensure_roles(roles);
  TemporaryDatabase database(server, "desired");
  schema::Catalog built;
  try {
    auto conn = connect(database.conninfo());
    run_statements(*conn, specials);
    pqxx::nontransaction(*conn).exec("SET check_function_bodies = off");
    run_statements(*conn, canonical_statements(schema::merge_fragments(std::move(stubs)), "cached desired state"));
    pqxx::nontransaction(*conn).exec("RESET check_function_bodies");
    run_statements(*conn, dirty);
    built = introspect(database.conninfo(), options);
  } catch (const std::exception&) {
    return std::nullopt;  // a full build reports it at its file:line:col
  }
  auto built_fragments = schema::split_by_group(built, [&](const std::string& key) { return grouping.group_of(key); });
  if (!built_fragments) return std::nullopt;
  schema::Fragments fragments;
  for (const auto& [name, group] : grouping.groups)
    fragments[name] = std::move(rebuild.dirty.contains(name) ? (*built_fragments)[name] : cache.at(name).fragment);
  return fragments;
}

// The fragments as one catalog; they are used up.
schema::Catalog merge(schema::Fragments& fragments) {
  std::vector<schema::Catalog> parts;
  parts.reserve(fragments.size());
  for (auto& [name, fragment] : fragments) parts.push_back(std::move(fragment));
  return schema::merge_fragments(std::move(parts));
}

}  // namespace

DesiredBuild build_desired_catalog_cached(const ScratchServer& server, const std::vector<schema::Statement>& statements,
                                          const IntrospectOptions& options, const std::filesystem::path& cache_file) {
  Grouping grouping = group_statements(statements);
  json header = cache_header(server, options);
  std::optional<Cache> cache;
  if (grouping.complete) cache = read_cache(cache_file, header);
  std::optional<Rebuild> rebuild;
  if (cache) rebuild = plan_rebuild(grouping, *cache, statements);
  if (rebuild) {
    if (auto fragments = build_incrementally(server, statements, options, grouping, *cache, *rebuild)) {
      write_cache(cache_file, header, grouping, *fragments);
      return {.catalog = merge(*fragments),
              .incremental = true,
              .groups = grouping.groups.size(),
              .rebuilt_groups = rebuild->dirty.size()};
    }
  }
  return build_in_full(server, statements, options, cache_file, header, grouping);
}

}  // namespace schemactl::engine
