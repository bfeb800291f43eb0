// Plans as people and machines read them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "planner/plan.hpp"

namespace schemactl::planner {

struct TextStyle {
  bool colour = false;  // ANSI colours: only on a terminal, never with NO_COLOR
};

// Characters, not bytes, so aligned columns stay straight with non-ASCII names.
std::size_t display_width(std::string_view text);

// "2s", "500ms", "0"
std::string format_duration(std::chrono::milliseconds duration);

// "2s", "500ms", "1min", "1h", "0" -> milliseconds (so it reads what format_duration
// writes); std::nullopt if malformed.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// "step 3 · expand · no-tx · lock_timeout=2s statement_timeout=0"
std::string step_header(const PlannedStep& step, std::size_t number);

// The steps as SQL a reviewer reads and psql could run, one commented block per step.
std::string render_sql(const Plan& plan);

// A summary line, an aligned table of steps, the hazards with their meaning, then the SQL.
std::string render_text(const Plan& plan, const TextStyle& style);

// Machine-readable: {"steps": [...], "hazards": [...], "warnings": [...]}.
std::string render_json(const Plan& plan);

// What a step does to application traffic, in words: the lock it takes and for how long.
std::string lock_impact(const PlannedStep& step);

// A pull-request comment: the changes, the hazards, and a table of steps with their
// lock impact.
std::string render_markdown(const Plan& plan);

}  // namespace schemactl::planner
