// `hybridctl explain HN0XX`: a rule's rationale, trigger and fix, from the
// registry (rendered by report/explain_markdown).
#pragma once

#include <CLI/CLI.hpp>

namespace hybridctl::cli {

void register_explain(CLI::App& app, int& exit_code);

}  // namespace hybridctl::cli
