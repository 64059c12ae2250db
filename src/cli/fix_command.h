// `hybridctl fix` (CLI.md "fix"): argument parsing, and the choice between
// the script, the patch and values files, and rewriting the manifests.
#pragma once

#include <CLI/CLI.hpp>

namespace hybridctl::cli {

void register_fix(CLI::App& app, int& exit_code);

}  // namespace hybridctl::cli
