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

}  // namespace hybridctl::cli
