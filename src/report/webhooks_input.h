// What the `webhooks` renderers read: the chains, the answer to `--why`
// when asked, the audit findings whose fixes move a backend (rendered with
// fix/render, the audit's own patches), and the input's diagnostics.
#pragma once

#include <vector>

#include "analysis/webhook_chain.h"
#include "analysis/webhook_why.h"
#include "core/diagnostic.h"
#include "rules/finding.h"

namespace hybridctl::report {

struct WebhooksInput {
  const std::vector<analysis::WebhookChain>& chains;
  const std::vector<rules::Finding>& findings;
  const analysis::WhyAnswer* why = nullptr;  // `--why`
  const Diagnostics& diagnostics;
};

// The audit finding whose fix keeps `workload` off hybrid nodes, or nullptr.
inline const rules::Finding* move_finding(const std::vector<rules::Finding>& findings,
                                          const model::Workload& workload) {
  for (const rules::Finding& f : findings) {
    if (f.object != workload.ref()) continue;
    for (const fix::FixIntent& i : f.fixes) {
      if (std::holds_alternative<fix::RequireNodeAffinity>(i)) return &f;
    }
  }
  return nullptr;
}

}  // namespace hybridctl::report
