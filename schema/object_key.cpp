#include "schema/object_key.hpp"

#include "schema/names.hpp"

namespace schemactl::schema {

std::string relation_key(const QualifiedName& relation) { return "rel " + quote_name(relation); }

std::string column_key(const QualifiedName& table, std::string_view column) {
  return "col " + quote_name(table) + "." + quote_ident(column);
}

std::string constraint_key(const QualifiedName& table, std::string_view constraint) {
  return "constraint " + quote_ident(constraint) + " ON " + quote_name(table);
}

std::string function_key(const QualifiedName& name, std::string_view identity_arguments) {
  return "func " + quote_name(name) + "(" + std::string(identity_arguments) + ")";
}

std::string function_key(const Function& function) { return function_key(function.name, function.identity_arguments); }

std::string trigger_key(const QualifiedName& table, std::string_view trigger) {
  return "trigger " + quote_ident(trigger) + " ON " + quote_name(table);
}

std::string trigger_key(const Trigger& trigger) { return trigger_key(trigger.table, trigger.name); }

std::string policy_key(const QualifiedName& table, std::string_view policy) {
  return "policy " + quote_ident(policy) + " ON " + quote_name(table);
}

std::string policy_key(const Policy& policy) { return policy_key(policy.table, policy.name); }

}  // namespace schemactl::schema
