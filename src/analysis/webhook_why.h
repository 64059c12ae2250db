// `webhooks --why`: the chain an API server error names, the causes that
// explain its symptom (most likely first) and the fix steps in order, the
// emergency step first (failurePolicy Ignore while the backend is moved).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/apiserver_error.h"
#include "analysis/webhook_chain.h"

namespace hybridctl::analysis {

enum class StepKind : uint8_t {
  Emergency,     // stop the damage now: failurePolicy Ignore, or remove the APIService until fixed
  MoveToCloud,   // required nodeAffinity NotIn [hybrid] on the workload (the audit's fix)
  MakeRoutable,  // remotePodNetworks / remoteNodeNetworks and BGP
  RestoreEndpoints,
  FixPort,
  FixCaBundle,
  RaiseTimeout,
  Verify,
};

struct FixStep {
  StepKind kind;
  std::string text;
  std::string command;                        // "" when the step is prose
  const model::Workload* workload = nullptr;  // MoveToCloud: whose audit fix to apply
};

struct WhyAnswer {
  ApiServerError error;
  std::vector<const WebhookChain*> chains;  // the chains the error names
  std::vector<Cause> causes;                // those explaining the symptom, most likely first
  std::vector<FixStep> steps;               // in order, emergency first
  std::string unmatched;                    // why no chain matched ("" when one did)
};

// `cluster`: the cluster's name for the commands (describe-cluster), "" when unknown.
WhyAnswer explain_error(std::string_view text, const std::vector<WebhookChain>& chains, std::string_view cluster = {});

}  // namespace hybridctl::analysis
