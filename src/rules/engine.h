// Runs the selected rules, drops what the ignore annotation opts out of and
// sorts the findings as CLI.md prescribes.
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
  std::vector<std::string> notes;  // e.g. rules that needed nodes
};

AuditResult run_rules(const model::Snapshot& snapshot, analysis::Analyses& analyses, const RuleSelection& selection);

// True when the object's `hybridctl/ignore` annotation names the rule (or `all`).
bool ignored(const model::ObjectBase& object, std::string_view rule);

}  // namespace hybridctl::rules
