// Every call the API server makes to a backend — one admission webhook, one
// CRD conversion webhook, one APIService — followed link by link: caller →
// Service and port (or url) → ready endpoints → where each runs → whether
// the control plane reaches it → certificate. Each broken or risky link is a
// Cause; the worst decides the verdict. `webhooks` lists the chains, and
// `webhooks --why` (analysis/webhook_why.h) picks the chain an API server
// error names.
// No printing here: src/report/webhooks_* render these.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "analysis/backends.h"
#include "analysis/reachability.h"

namespace hybridctl::analysis {

enum class Verdict : uint8_t { Ok, AtRisk, Broken };
const char* verdict_name(Verdict v);  // "OK", "AT RISK", "BROKEN"

enum class CauseKind : uint8_t {
  ServiceMissing,         // the Service is not in the input (or gone)
  WrongServicePort,       // no Service port equals the port the caller names
  TargetPortNotExposed,   // the pods do not declare the Service port's targetPort
  NoReadyEndpoints,       // nothing ready behind the Service
  UnreachableEndpoint,    // a ready endpoint the control plane cannot reach
  UnknownReachability,    // reachability (or where it runs) could not be confirmed
  MayLandOnHybrid,        // nothing keeps the backend off hybrid nodes it could not be reached on
  CaBundleMissing,        // no caBundle: the serving certificate cannot be verified
  CaInjectorNotRunning,   // the cert-manager cainjector that fills the caBundle is not running
  TimeoutTooShort,        // timeoutSeconds leaves no room for a call across the VPN
  ApiServiceUnavailable,  // the APIService's own Available condition is False
  UrlNotChecked,          // a url: host outside the cluster
};
const char* cause_kind_name(CauseKind k);

struct Cause {
  CauseKind kind;
  Verdict severity;  // what this cause alone makes of the chain
  std::string text;  // one sentence
};

struct EndpointReach {
  ServiceEndpoint endpoint;
  Reach reach;
};

struct WebhookChain {
  CallerKind kind;
  std::string name;                                // webhook, CRD or APIService name
  const model::ObjectBase* object = nullptr;       // its configuration, CRD or APIService
  const model::Webhook* webhook = nullptr;         // admission webhooks
  size_t webhook_index = 0;                        // its index in the configuration's webhooks
  std::string failure_policy;                      // admission: in force; else "" (always fails closed)
  std::optional<int32_t> timeout_seconds;          // admission: in force (v1 default 10)
  std::vector<std::string> operations, resources;  // admission rules; conversion: the CRD's resource
  std::string namespace_selector;                  // summary, "all namespaces" when none
  const Backend* backend = nullptr;
  int32_t port = 443;                             // the Service port called
  std::string url_host;                           // url: backends
  std::vector<EndpointReach> endpoints;           // ready endpoints with their reachability
  std::vector<const model::Workload*> workloads;  // behind the Service
  std::vector<Cause> causes;                      // worst first
  Verdict verdict = Verdict::Ok;
  std::string reason;  // the worst cause's text, or why it is OK

  bool fails_closed() const {
    return kind != CallerKind::MutatingWebhook && kind != CallerKind::ValidatingWebhook ? true
                                                                                        : failure_policy == "Fail";
  }
  std::string target() const;  // "Service ns/name:443" or the url host
};

// Every chain of the snapshot: admission webhooks in configuration order,
// then conversion webhooks, then APIServices with a Service.
std::vector<WebhookChain> webhook_chains(Analyses& analyses);

}  // namespace hybridctl::analysis
