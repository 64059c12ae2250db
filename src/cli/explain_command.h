// `hybridctl explain HN0XX`: a rule's rationale, trigger and fix, from the registry.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "rules/rule.h"

namespace hybridctl::cli {

void register_explain(CLI::App& app, int& exit_code);
// The Markdown text of one rule (also used to generate docs/rules.md).
std::string explain_markdown(const rules::RuleInfo& info);
// docs/rules.md: every registered rule, in id order (`hybridctl explain --all`).
std::string rules_catalogue_markdown();
// docs/inputs.md: every input the rules read, why, and which rules read it
// (`hybridctl explain --inputs`).
std::string inputs_catalogue_markdown();
// The shell commands that dump every kind the rules read into dump/ (the
// README shows them; a test holds it to the rules' declared inputs).
std::string dump_command();

}  // namespace hybridctl::cli
