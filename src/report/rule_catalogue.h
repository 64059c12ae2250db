// The rule registry's metadata as the renderers read it: the words of each
// rule (explain, docs/rules.md) and its default severity as a value, so
// that a format which declares rules up front (SARIF's rule descriptors,
// a PolicyReport's policies) does not parse the words itself.
#pragma once

#include <string>
#include <vector>

#include "rules/finding.h"
#include "rules/input_kinds.h"

namespace hybridctl::report {

struct RuleMetadata {
  std::string id;
  std::string name;
  // The most severe level the rule reports: its findings may be lower (one
  // lower when routability is only unknown, info for a lesser case).
  rules::Severity default_severity = rules::Severity::Warning;
  std::string severity;  // how the severity is chosen, in words
  std::string fires_when;
  std::string rationale;
  std::string fix;
  std::vector<rules::Input> reads;  // the inputs check() reads (docs/inputs.md)
};

// Every registered rule, in id order.
const std::vector<RuleMetadata>& rule_catalogue();

}  // namespace hybridctl::report
