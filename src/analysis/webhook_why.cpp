#include "analysis/webhook_why.h"

#include <algorithm>

namespace hybridctl::analysis {
namespace {

bool is_admission(CallerKind k) { return k == CallerKind::MutatingWebhook || k == CallerKind::ValidatingWebhook; }

bool names_service(const WebhookChain& c, const ApiServerError& e) {
  if (!c.backend || e.service_name.empty() || c.backend->service_name != e.service_name) return false;
  return e.service_ns.empty() || c.backend->ns == e.service_ns;
}

std::vector<const WebhookChain*> matching_chains(const ApiServerError& e, const std::vector<WebhookChain>& chains) {
  std::vector<const WebhookChain*> out;
  for (const WebhookChain& c : chains) {
    bool match = false;
    switch (e.kind) {
      case CallKind::AdmissionWebhook:
        match = is_admission(c.kind) && c.name == e.name;
        break;
      case CallKind::ConversionWebhook:
        match = c.kind == CallerKind::ConversionWebhook &&
                static_cast<const model::CustomResourceDefinition&>(*c.object).group == e.group;
        break;
      case CallKind::APIService: {
        if (c.kind != CallerKind::APIService) break;
        const auto& api = static_cast<const model::APIService&>(*c.object);
        match = api.group == e.group && (e.version.empty() || api.version == e.version);
        break;
      }
      case CallKind::Unknown:
        match = names_service(c, e);
        break;
    }
    if (match) out.push_back(&c);
  }
  // A name the input does not have (a renamed or re-created configuration): the Service in the URL.
  if (out.empty() && !e.service_name.empty()) {
    for (const WebhookChain& c : chains) {
      if (names_service(c, e)) out.push_back(&c);
    }
  }
  // Several CRDs of one group: the Service in the URL tells which.
  if (out.size() > 1 && !e.service_name.empty()) {
    std::vector<const WebhookChain*> narrowed;
    for (const WebhookChain* c : out) {
      if (names_service(*c, e)) narrowed.push_back(c);
    }
    if (!narrowed.empty()) out = std::move(narrowed);
  }
  return out;
}

// The causes that produce each symptom, most likely first.
std::vector<CauseKind> explaining(Symptom s) {
  using K = CauseKind;
  switch (s) {
    case Symptom::Timeout:
    case Symptom::Unreachable:
      return {K::UnreachableEndpoint, K::UnknownReachability, K::MayLandOnHybrid, K::TimeoutTooShort};
    case Symptom::NoEndpoints:
      return {K::NoReadyEndpoints, K::TargetPortNotExposed, K::ServiceMissing, K::WrongServicePort};
    case Symptom::NoServicePort:
      return {K::WrongServicePort};
    case Symptom::ServiceNotFound:
      return {K::ServiceMissing};
    case Symptom::UnknownAuthority:
    case Symptom::CertificateOther:
      return {K::CaBundleMissing, K::CaInjectorNotRunning};
    case Symptom::ConnectionRefused:
    case Symptom::ConnectionReset:
      return {K::TargetPortNotExposed, K::WrongServicePort, K::NoReadyEndpoints};
    case Symptom::ServiceUnavailable:
      return {K::UnreachableEndpoint, K::NoReadyEndpoints,    K::TargetPortNotExposed,
              K::WrongServicePort,    K::ServiceMissing,      K::ApiServiceUnavailable,
              K::CaBundleMissing,     K::UnknownReachability, K::MayLandOnHybrid};
    case Symptom::Denied:
      return {};
    case Symptom::Other:
      return {K::UnreachableEndpoint,  K::NoReadyEndpoints, K::ServiceMissing,     K::WrongServicePort,
              K::TargetPortNotExposed, K::CaBundleMissing,  K::UnknownReachability};
  }
  return {};
}

bool injected_by_cert_manager(const model::ObjectBase& o) {
  for (const auto& [key, value] : o.meta.annotations) {
    if (key.starts_with("cert-manager.io/inject-")) return true;
  }
  return false;
}

// When no link of the chain is wrong in the input, what the symptom still says.
Cause unexplained(Symptom s, const WebhookChain* c) {
  std::string timeout =
      c && c->timeout_seconds ? std::to_string(*c->timeout_seconds) + " s" : "the API server's timeout";
  switch (s) {
    case Symptom::Timeout:
      return {CauseKind::TimeoutTooShort, Verdict::AtRisk,
              std::string(c ? "every ready endpoint is reachable in the input, so " : "") +
                  "the backend answered slower than " + timeout +
                  ", or the control plane cannot reach it (a pod on a hybrid node whose pod CIDR is not in "
                  "remotePodNetworks or not routed, a security group or NetworkPolicy dropping the traffic)"};
    case Symptom::UnknownAuthority:
    case Symptom::CertificateOther:
      return {CauseKind::CaBundleMissing, Verdict::Broken,
              std::string("the caBundle is set but does not verify the serving certificate: it is stale (the "
                          "certificate was rotated and the caBundle not updated — ") +
                  (c && injected_by_cert_manager(*c->object)
                       ? "cert-manager's cainjector did not run, or could not write it)"
                       : "whatever writes it, the webhook's own controller or its installer, did not)")};
    case Symptom::ConnectionRefused:
    case Symptom::ConnectionReset:
      return {CauseKind::TargetPortNotExposed, Verdict::Broken,
              "the endpoint's pod does not listen on the Service's targetPort (the process is down, starting, or "
              "listens on another port)"};
    case Symptom::NoEndpoints:
      return {CauseKind::NoReadyEndpoints, Verdict::Broken,
              std::string("the Service had no ready endpoint when the call was made (pods not scheduled, restarting "
                          "or failing readiness, or a selector or named targetPort that matches nothing)") +
                  (c ? "; the input shows some now" : "")};
    default:
      return {CauseKind::UnknownReachability, Verdict::AtRisk,
              "nothing in the input explains it: re-run with a fresh dump of the Service, its EndpointSlices and pods"};
  }
}

// Who rewrites a webhook configuration when it is patched: a controller
// (Kyverno, Gatekeeper: webhook.kyverno.io/managed-by) or a Helm release.
std::string configuration_manager(const model::ObjectBase& o) {
  for (const auto& [key, value] : o.meta.labels) {
    if (key.ends_with("managed-by") && !value.empty()) return std::string(value);
  }
  return {};
}

std::string configuration_resource(const WebhookChain& c) {
  return c.kind == CallerKind::MutatingWebhook ? "mutatingwebhookconfiguration" : "validatingwebhookconfiguration";
}

void emergency_steps(const WebhookChain& c, std::vector<FixStep>& steps) {
  if (is_admission(c.kind) && c.failure_policy == "Fail") {
    const std::string index = std::to_string(c.webhook_index);
    steps.push_back({StepKind::Emergency,
                     "Emergency: let requests through while the backend is fixed — set failurePolicy Ignore on "
                     "webhook " +
                         c.name + " (requests then skip it after timeoutSeconds; restore Fail afterwards)",
                     "kubectl patch " + configuration_resource(c) + " " + c.object->meta.name +
                         " --type=json -p '[{\"op\":\"test\",\"path\":\"/webhooks/" + index + "/name\",\"value\":\"" +
                         c.name + "\"},{\"op\":\"replace\",\"path\":\"/webhooks/" + index +
                         "/failurePolicy\",\"value\":\"Ignore\"}]'",
                     nullptr});
    if (std::string manager = configuration_manager(*c.object); !manager.empty()) {
      steps.back().text += "; " + manager +
                           " manages this configuration and may set it back: pause it, or change "
                           "its own setting (e.g. its Helm values) instead";
    }
  } else if (c.kind == CallerKind::APIService) {
    steps.push_back({StepKind::Emergency,
                     "Emergency: discovery of every API group fails while " + c.name +
                         " is unavailable (kubectl, namespace deletion, HPA); deleting the APIService restores it "
                         "until the backend is fixed (its chart or add-on re-creates it on the next sync)",
                     "kubectl delete apiservice " + c.name, nullptr});
  }
}

void cause_steps(const WebhookChain& c, const Cause& cause, std::string_view cluster, std::vector<FixStep>& steps) {
  const Backend* b = c.backend;
  const std::string ns = b ? b->ns : "";
  switch (cause.kind) {
    case CauseKind::UnreachableEndpoint:
    case CauseKind::MayLandOnHybrid:
    case CauseKind::UnknownReachability:
      for (const model::Workload* w : c.workloads) {
        steps.push_back({StepKind::MoveToCloud,
                         "Move " + w->kind + " " + w->meta.ns + "/" + w->meta.name +
                             " to cloud nodes (required nodeAffinity eks.amazonaws.com/compute-type NotIn [hybrid])",
                         "", w});
      }
      if (c.workloads.empty() && b && b->service) {
        steps.push_back({StepKind::MoveToCloud,
                         "Move the pods behind " + b->describe() +
                             " to cloud nodes (required nodeAffinity eks.amazonaws.com/compute-type NotIn [hybrid] "
                             "on their workload; add its manifest or dump to the input for the patch)",
                         "kubectl -n " + ns + " get pods -o wide -l " +
                             [&] {
                               std::string sel;
                               for (const auto& [k, v] : b->service->selector)
                                 sel += (sel.empty() ? "" : ",") + k + "=" + v;
                               return sel;
                             }(),
                         nullptr});
      }
      steps.push_back({StepKind::MakeRoutable,
                       "Or make the on-premises pod CIDR routable from the control plane: add it to "
                       "remotePodNetworks and advertise it (BGP); hostNetwork pods need their node IPs in "
                       "remoteNodeNetworks",
                       "aws eks describe-cluster --name " + std::string(cluster.empty() ? "CLUSTER" : cluster) +
                           " --query cluster.remoteNetworkConfig",
                       nullptr});
      break;
    case CauseKind::NoReadyEndpoints:
      if (b) {
        steps.push_back(
            {StepKind::RestoreEndpoints,
             "Find why no pod behind " + b->describe() +
                 " is ready (not scheduled, crashing, failing "
                 "readiness, or the selector matches nothing)",
             "kubectl -n " + ns + " get endpointslices -l kubernetes.io/service-name=" + b->service_name + " -o wide",
             nullptr});
      }
      break;
    case CauseKind::ServiceMissing:
    case CauseKind::WrongServicePort:
    case CauseKind::TargetPortNotExposed:
      steps.push_back(
          {StepKind::FixPort,
           "Make the caller's port, the Service's port and targetPort, and the container's port agree: " + cause.text,
           b && b->service ? "kubectl -n " + ns + " get service " + b->service_name + " -o yaml" : "", nullptr});
      break;
    case CauseKind::CaBundleMissing:
    case CauseKind::CaInjectorNotRunning:
      if (injected_by_cert_manager(*c.object)) {
        steps.push_back({StepKind::FixCaBundle,
                         "Restore the caBundle: make cert-manager's cainjector run and re-inject it, or set the CA of "
                         "the serving certificate in caBundle",
                         "kubectl -n cert-manager rollout restart deployment -l app.kubernetes.io/component=cainjector",
                         nullptr});
      } else {
        steps.push_back({StepKind::FixCaBundle,
                         "Restore the caBundle: set the CA that signed the serving certificate (restarting the "
                         "webhook's controller makes most of them re-write it)",
                         "", nullptr});
      }
      break;
    case CauseKind::TimeoutTooShort:
      if (is_admission(c.kind)) {
        steps.push_back({StepKind::RaiseTimeout, "Raise timeoutSeconds (at most 30) or make the backend answer faster",
                         "kubectl patch " + configuration_resource(c) + " " + c.object->meta.name +
                             " --type=json -p '[{\"op\":\"test\",\"path\":\"/webhooks/" +
                             std::to_string(c.webhook_index) + "/name\",\"value\":\"" + c.name +
                             "\"},{\"op\":\"replace\",\"path\":\"/webhooks/" + std::to_string(c.webhook_index) +
                             "/timeoutSeconds\",\"value\":10}]'",
                         nullptr});
      }
      break;
    case CauseKind::ApiServiceUnavailable:
    case CauseKind::UrlNotChecked:
      break;
  }
}

void verify_steps(const WebhookChain& c, std::vector<FixStep>& steps) {
  if (c.kind == CallerKind::APIService) {
    const auto& api = static_cast<const model::APIService&>(*c.object);
    steps.push_back({StepKind::Verify, "Check that the aggregated API answers again",
                     "kubectl get --raw /apis/" + api.group + "/" + api.version, nullptr});
  } else if (is_admission(c.kind) && c.failure_policy == "Fail") {
    steps.push_back(
        {StepKind::Verify,
         "Once the backend runs where the control plane reaches it, restore failurePolicy Fail on " + c.name,
         "kubectl patch " + configuration_resource(c) + " " + c.object->meta.name +
             " --type=json -p '[{\"op\":\"test\",\"path\":\"/webhooks/" + std::to_string(c.webhook_index) +
             "/name\",\"value\":\"" + c.name + "\"},{\"op\":\"replace\",\"path\":\"/webhooks/" +
             std::to_string(c.webhook_index) + "/failurePolicy\",\"value\":\"Fail\"}]'",
         nullptr});
  }
}

}  // namespace

WhyAnswer explain_error(std::string_view text, const std::vector<WebhookChain>& chains, std::string_view cluster) {
  WhyAnswer out;
  out.error = parse_apiserver_error(text);
  out.chains = matching_chains(out.error, chains);
  if (out.chains.empty()) {
    switch (out.error.kind) {
      case CallKind::AdmissionWebhook:
        out.unmatched = "no admission webhook named \"" + out.error.name + "\" in the input";
        break;
      case CallKind::ConversionWebhook:
        out.unmatched = "no CustomResourceDefinition of group " + out.error.group + " with a conversion webhook";
        break;
      case CallKind::APIService:
        out.unmatched = "no APIService of group " + (out.error.group.empty() ? "(not named)" : out.error.group) +
                        " backed by a Service in the input";
        break;
      case CallKind::Unknown:
        out.unmatched = "the text names no webhook, conversion webhook or APIService the input has";
        break;
    }
    // What the symptom alone says, when the input cannot say more.
    if (out.error.symptom != Symptom::Denied && out.error.symptom != Symptom::Other) {
      out.causes.push_back(unexplained(out.error.symptom, nullptr));
    }
    return out;
  }
  if (out.error.symptom == Symptom::Denied) {
    out.unmatched = "the webhook answered and denied the request: its chain works; read its message for why";
    return out;
  }
  const std::vector<CauseKind> wanted = explaining(out.error.symptom);
  for (CauseKind k : wanted) {
    for (const WebhookChain* c : out.chains) {
      for (const Cause& cause : c->causes) {
        if (cause.kind == k) out.causes.push_back(cause);
      }
    }
  }
  if (out.causes.empty()) out.causes.push_back(unexplained(out.error.symptom, out.chains.front()));

  const WebhookChain& chain = *out.chains.front();
  emergency_steps(chain, out.steps);
  std::vector<CauseKind> done;
  for (const Cause& cause : out.causes) {
    if (std::find(done.begin(), done.end(), cause.kind) != done.end()) continue;
    // One move per workload whatever the reachability cause.
    bool move = cause.kind == CauseKind::UnreachableEndpoint || cause.kind == CauseKind::MayLandOnHybrid ||
                cause.kind == CauseKind::UnknownReachability;
    bool moved = std::any_of(out.steps.begin(), out.steps.end(),
                             [](const FixStep& s) { return s.kind == StepKind::MoveToCloud; });
    if (move && moved) continue;
    done.push_back(cause.kind);
    cause_steps(chain, cause, cluster, out.steps);
  }
  verify_steps(chain, out.steps);
  return out;
}

}  // namespace hybridctl::analysis
