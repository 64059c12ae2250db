// Runs the selected rules, drops what the ignore annotation opts out of,
// notes the inputs the rules could not see, and sorts the findings as CLI.md
// prescribes.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "rules/finding.h"

namespace hybridctl::rules {

struct RuleSelection {
  std::set<std::string> only;  // --rules (empty: all)
  std::set<std::string> skip;  // --skip-rules
  bool selected(const std::string& id) const { return (only.empty() || only.count(id)) && !skip.count(id); }
};

struct AuditResult {
  std::vector<Finding> findings;
  std::vector<std::string> notes;       // rules that needed nodes, inputs the rules were blind to
  size_t suppressed_by_annotation = 0;  // findings the hybridctl/ignore annotation opted out of
  size_t suppressed_by_baseline = 0;    // findings dropped as already in --baseline
};

AuditResult run_rules(const model::Snapshot& snapshot, analysis::Analyses& analyses, const RuleSelection& selection);

// True when the object's `hybridctl/ignore` annotation names the rule (or
// `all`), in any case.
bool ignored(const model::ObjectBase& object, std::string_view rule);

}  // namespace hybridctl::rules
