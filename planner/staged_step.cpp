#include "planner/staged_step.hpp"

namespace schemactl::planner {

void add_step(StagedSteps& out, Stage stage, std::string sql, engine::TxMode tx, std::string object,
              std::string why, std::vector<Hazard> hazards) {
  PlannedStep planned;
  planned.step.sql = std::move(sql);
  planned.step.tx = tx;
  planned.object = std::move(object);
  planned.why = std::move(why);
  planned.hazards = std::move(hazards);
  out.push_back({stage, std::move(planned)});
}

}  // namespace schemactl::planner
