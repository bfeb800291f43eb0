// Attributes schemactl manages apart from objects' definitions: comments
// (COMMENT ON, on any managed object) and a table's settings (persistence,
// storage parameters, replica identity). Plain values, part of schema::Catalog.
#pragma once

#include <string>
#include <vector>

namespace schemactl::schema {

// A COMMENT ON an object. `target` names the object as COMMENT ON does, quoted
// (schema/comment_target.hpp): "TABLE public.t", "COLUMN public.t.\"Name\"",
// "CONSTRAINT c ON DOMAIN public.d", "FUNCTION public.f(a integer)".
struct ObjectComment {
  std::string target;
  std::string text;
  bool operator==(const ObjectComment&) const = default;
};

// REPLICA IDENTITY of a table (pg_class.relreplident).
enum class ReplicaIdentity { default_key, full, nothing, index };

// Table settings that are not columns, constraints or indexes.
struct TableSettings {
  bool unlogged = false;
  // Storage parameters (reloptions) as PostgreSQL stores them, sorted: "fillfactor=70",
  // and the toast table's with a "toast." prefix: "toast.autovacuum_enabled=false".
  std::vector<std::string> options;
  ReplicaIdentity replica_identity = ReplicaIdentity::default_key;
  std::string replica_identity_index;  // the index's name, for ReplicaIdentity::index
  bool operator==(const TableSettings&) const = default;
};

}  // namespace schemactl::schema
