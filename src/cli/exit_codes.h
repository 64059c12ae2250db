// The exit code of a command that audits (CLI.md "Exit codes").
#pragma once

#include <string>
#include <vector>

#include "report/report_model.h"

namespace hybridctl::cli {

// CLI.md's exit codes for audit and simulate: 2 when an input had errors,
// 1 when a finding is at least as severe as --fail-on (never: no finding
// fails), else 0. `fail_on` is already validated.
int exit_code_for(const report::AuditReport& report, const std::string& fail_on);

// `fix`'s: 1 when a finding at least as severe as --fail-on is left without
// a fix this run carries out (`left`: advice only, or a patch --write
// refused), else 0. Input errors (2) are the caller's.
int exit_code_for_unfixed(const std::vector<const rules::Finding*>& left, const std::string& fail_on);

}  // namespace hybridctl::cli
