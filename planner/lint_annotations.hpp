// `-- schemactl:ignore` annotations: which lint rules the author has silenced, for
// one statement or for a whole file.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "planner/lint_rules.hpp"

namespace schemactl::planner {

struct Silenced {
  std::set<LintRule> file;                    // -- schemactl:ignore-file
  std::vector<std::set<LintRule>> statement;  // -- schemactl:ignore, by statement index
  bool contains(std::size_t statement_index, LintRule rule) const {
    return file.contains(rule) || statement[statement_index].contains(rule);
  }
};

// `statement_offsets`: where each statement's first token is, in order. An
// annotation belongs to a statement when only comment lines stand between them.
// Throws schema::SchemaError at an annotation naming no known rule.
Silenced read_annotations(const std::string& file, std::string_view text,
                          const std::vector<std::size_t>& statement_offsets);

}  // namespace schemactl::planner
