// `hybridctl explain`: the rule catalogue as Markdown (one rule, docs/rules.md,
// docs/inputs.md) and the dump command the README shows.
#pragma once

#include <string>

#include "report/rule_catalogue.h"

namespace hybridctl::report {

// The Markdown text of one rule (also a section of docs/rules.md).
std::string explain_markdown(const RuleMetadata& rule);
// docs/rules.md: every registered rule, in id order (`hybridctl explain --all`).
std::string rules_catalogue_markdown();
// docs/inputs.md: every input the rules read, why, and which rules read it
// (`hybridctl explain --inputs`).
std::string inputs_catalogue_markdown();
// The shell commands that dump every kind the rules read into dump/ (the
// README shows them; a test holds it to the rules' declared inputs).
std::string dump_command();

}  // namespace hybridctl::report
