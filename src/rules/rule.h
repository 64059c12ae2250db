// A rule is a self-describing object: its id, name and documentation (from
// which `explain`, docs/rules.md and SARIF metadata are generated), the
// inputs it reads, and a pure check over the snapshot and the analyses.
// Rules build their RuleInfo with designated initialisers.
#pragma once

#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "rules/finding.h"
#include "rules/input_kinds.h"

namespace hybridctl::rules {

struct RuleInfo {
  std::string id;    // HN0XX: a public contract, never renumbered
  std::string name;  // kebab-case
  // The most severe level the rule reports, as a value for the formats that
  // declare rules up front (SARIF's descriptors, a PolicyReport's policies):
  // its findings may be lower (one lower when routability is only unknown,
  // info for a lesser case). The words below must name it (a test).
  Severity default_severity = Severity::Warning;
  std::string severity;  // how severity is chosen, in words
  std::string fires_when;
  std::string rationale;
  std::string fix;
  bool needs_nodes = false;  // says so (once) when no node is known
  // What check() reads, through the analyses too: a run says which rules
  // were blind to an input it lacked (rules/input_kinds.h).
  std::vector<Input> reads;
};

struct RuleContext {
  const model::Snapshot& snapshot;
  analysis::Analyses& analyses;
  std::vector<Finding>& findings;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(RuleContext& ctx) const = 0;
};

}  // namespace hybridctl::rules
