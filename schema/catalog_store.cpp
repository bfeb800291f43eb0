#include "schema/catalog_store.hpp"

#include <unistd.h>

#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <type_traits>

namespace schemactl::schema {
namespace {

// Each value type lists its fields once, for both directions: `io` is a Writer or a Reader.
template <class Io> void fields(Io& io, QualifiedName& v) { io(v.schema, v.name); }
template <class Io> void fields(Io& io, SequenceOptions& v) {
  io(v.data_type, v.start, v.increment, v.min_value, v.max_value, v.cache, v.cycle);
}
template <class Io> void fields(Io& io, Column& v) {
  io(v.name, v.type, v.collation, v.not_null, v.default_expr, v.default_is_volatile, v.identity, v.identity_options,
     v.generated);
}
template <class Io> void fields(Io& io, Constraint& v) {
  io(v.name, v.kind, v.definition, v.index_definition, v.columns, v.referenced_table, v.referenced_columns,
     v.deferrable, v.initially_deferred, v.validated);
}
template <class Io> void fields(Io& io, AttachedIndex& v) { io(v.table, v.name); }
template <class Io> void fields(Io& io, Index& v) {
  io(v.name, v.definition, v.unique, v.valid, v.key_expressions, v.predicate, v.options, v.attached);
}
template <class Io> void fields(Io& io, RowSecurity& v) { io(v.enabled, v.forced); }
template <class Io> void fields(Io& io, TableSettings& v) {
  io(v.unlogged, v.options, v.replica_identity, v.replica_identity_index);
}
template <class Io> void fields(Io& io, PartitionOf& v) { io(v.parent, v.bound, v.constraint); }
template <class Io> void fields(Io& io, Table& v) {
  io(v.name, v.columns, v.constraints, v.indexes, v.row_security, v.settings, v.partition_key, v.partition_of);
}
template <class Io> void fields(Io& io, SequenceOwner& v) { io(v.table, v.column); }
template <class Io> void fields(Io& io, Sequence& v) { io(v.name, v.options, v.owned_by); }
template <class Io> void fields(Io& io, Extension& v) { io(v.name, v.schema, v.version); }
template <class Io> void fields(Io& io, EnumType& v) { io(v.name, v.values); }
template <class Io> void fields(Io& io, DomainConstraint& v) { io(v.name, v.definition, v.validated); }
template <class Io> void fields(Io& io, Domain& v) {
  io(v.name, v.base_type, v.collation, v.default_expr, v.not_null, v.constraints);
}
template <class Io> void fields(Io& io, CompositeAttribute& v) { io(v.name, v.type, v.collation); }
template <class Io> void fields(Io& io, CompositeType& v) { io(v.name, v.attributes); }
template <class Io> void fields(Io& io, Function& v) {
  io(v.name, v.identity_arguments, v.procedure, v.arguments, v.result, v.definition);
}
template <class Io> void fields(Io& io, View& v) {
  io(v.name, v.materialized, v.columns, v.options, v.definition, v.populated, v.indexes);
}
template <class Io> void fields(Io& io, Trigger& v) { io(v.table, v.name, v.definition); }
template <class Io> void fields(Io& io, Dependency& v) { io(v.dependent, v.referenced); }
template <class Io> void fields(Io& io, Policy& v) {
  io(v.table, v.name, v.permissive, v.command, v.roles, v.using_expr, v.check_expr);
}
template <class Io> void fields(Io& io, Privilege& v) {
  io(v.object, v.object_type, v.column, v.grantee, v.privilege, v.grantable);
}
template <class Io> void fields(Io& io, ObjectComment& v) { io(v.target, v.text); }
template <class Io> void fields(Io& io, UnmanagedObject& v) { io(v.kind, v.name); }
template <class Io> void fields(Io& io, Catalog& v) {
  io(v.schemas, v.tables, v.sequences, v.extensions, v.enums, v.domains, v.composite_types, v.functions, v.views,
     v.triggers, v.policies, v.privileges, v.dependencies, v.comments, v.unmanaged);
}

// Scalars as their bytes (the file is read back by the binary that wrote it),
// strings and lists with their length first, an optional with a presence byte.
struct Writer {
  std::string out;

  template <class... T> void operator()(T&... values) { (put(values), ...); }

  template <class T> void put(T& value) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      out.append(reinterpret_cast<const char*>(&value), sizeof value);
    } else {
      fields(*this, value);
    }
  }
  void put(std::string& value) { store_string(out, value); }
  template <class T> void put(std::vector<T>& list) {
    std::uint64_t size = list.size();
    put(size);
    for (auto& item : list) put(item);
  }
  template <class T> void put(std::optional<T>& value) {
    bool present = value.has_value();
    put(present);
    if (present) put(*value);
  }
};

struct Reader {
  std::string_view in;

  template <class... T> void operator()(T&... values) { (get(values), ...); }

  std::string_view take(std::size_t size) {
    if (size > in.size()) throw std::runtime_error("not a stored catalog: it ends early");
    std::string_view bytes = in.substr(0, size);
    in.remove_prefix(size);
    return bytes;
  }
  template <class T> void get(T& value) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
      std::memcpy(&value, take(sizeof value).data(), sizeof value);
    } else {
      fields(*this, value);
    }
  }
  void get(std::string& value) { value = load_string(in); }
  template <class T> void get(std::vector<T>& list) {
    std::uint64_t size = 0;
    get(size);
    if (size > in.size()) throw std::runtime_error("not a stored catalog: a list is longer than the rest");
    list.resize(size);
    for (auto& item : list) get(item);
  }
  template <class T> void get(std::optional<T>& value) {
    bool present = false;
    get(present);
    if (present) get(value.emplace());
    else value.reset();
  }
};

}  // namespace

void store_string(std::string& out, std::string_view value) {
  std::uint64_t size = value.size();
  out.append(reinterpret_cast<const char*>(&size), sizeof size);
  out += value;
}

bool write_file_atomically(const std::filesystem::path& file, std::string_view content) {
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  std::filesystem::path temporary = file;
  temporary += ".tmp" + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) {
      std::filesystem::remove(temporary, error);
      return false;
    }
  }
  std::filesystem::rename(temporary, file, error);
  if (error) std::filesystem::remove(temporary, error);
  return !error;
}

std::string_view load_string(std::string_view& in) {
  std::uint64_t size = 0;
  if (in.size() < sizeof size) throw std::runtime_error("not a stored catalog: it ends early");
  std::memcpy(&size, in.data(), sizeof size);
  in.remove_prefix(sizeof size);
  if (size > in.size()) throw std::runtime_error("not a stored catalog: it ends early");
  std::string_view value = in.substr(0, size);
  in.remove_prefix(size);
  return value;
}

std::string store_catalog(const Catalog& catalog) {
  Writer writer;
  writer.put(const_cast<Catalog&>(catalog));  // Writer only reads
  return std::move(writer.out);
}

Catalog load_catalog(std::string_view stored) {
  Reader reader{stored};
  Catalog catalog;
  reader.get(catalog);
  if (!reader.in.empty()) throw std::runtime_error("not a stored catalog: bytes are left over");
  return catalog;
}

}  // namespace schemactl::schema
