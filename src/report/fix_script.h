// `hybridctl fix`'s default output: a reviewable bash script that applies
// the fixes to the cluster of the current kubectl context, top to bottom.
// Webhooks that would refuse the fix's own updates are set to Ignore first
// and restored on exit; objects managed by Helm, an EKS add-on or an
// operator get their manager's command, never a kubectl patch the manager
// would revert (unless `patch_managed`). Idempotent: every JSON patch
// carries `test` guards and a patch whose guards no longer hold is skipped.
// A pure function of the findings.
#pragma once

#include <string>
#include <vector>

#include "fix/fix_webhook_guards.h"
#include "report/fix_values.h"

namespace hybridctl::report {

struct FixScriptOptions {
  bool patch_managed = false;
};

std::string render_fix_script(const std::vector<FixOfFinding>& fixes, const std::vector<fix::WebhookGuard>& guards,
                              const FixScriptOptions& options);

}  // namespace hybridctl::report
