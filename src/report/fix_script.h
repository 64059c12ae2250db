// `hybridctl fix`'s default output: a reviewable bash script that applies
// the fixes, top to bottom, to the cluster of the current kubectl context.
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
  // What the fixes were computed from, for the header: the file sources as
  // given, and whether (and through which --context) the cluster was read live.
  std::vector<std::string> sources;
  bool live = false;
  std::vector<std::string> contexts;
  // The EKS cluster's name when describe-cluster output named it: the merged
  // `aws eks update-addon` uses it instead of asking for CLUSTER_NAME.
  std::string cluster_name;
};

// The header's sentence on what the script was computed from and which cluster it targets.
std::string fix_script_target(const FixScriptOptions& options);

std::string render_fix_script(const std::vector<FixOfFinding>& fixes, const std::vector<fix::WebhookGuard>& guards,
                              const FixScriptOptions& options);

}  // namespace hybridctl::report
