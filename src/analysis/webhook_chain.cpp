#include "analysis/webhook_chain.h"

#include <algorithm>

#include "analysis/feasibility.h"
#include "core/cidr.h"

namespace hybridctl::analysis {
namespace {

// What kube-apiserver waits for an admission webhook when timeoutSeconds is
// unset: 10 s in admissionregistration/v1, 30 s in v1beta1.
int32_t default_timeout(const model::WebhookConfiguration& cfg) {
  return cfg.api_version.ends_with("/v1beta1") ? 30 : 10;
}

// A call across the VPN: TLS handshake plus request are about three round
// trips, and the guide allows 200 ms each; below 2 s a slow link fails calls.
constexpr int32_t kMinHybridTimeoutSeconds = 2;

void add_unique(std::vector<std::string>& list, const std::string& v) {
  if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
}

std::string summarise(const model::LabelSelector& s) {
  if (!s.present || (s.match_labels.empty() && s.match_expressions.empty())) return "all namespaces";
  std::string out;
  for (const auto& [k, v] : s.match_labels) out += (out.empty() ? "" : ", ") + k + "=" + v;
  for (const model::Requirement& r : s.match_expressions) {
    out += (out.empty() ? "" : ", ") + r.key + " " + r.op;
    if (!r.values.empty()) {
      out += " [";
      for (size_t i = 0; i < r.values.size(); ++i) out += (i ? "," : "") + r.values[i];
      out += "]";
    }
  }
  return out;
}

void describe_caller(const Caller& c, WebhookChain& chain) {
  chain.kind = c.kind;
  chain.object = c.object;
  chain.port = c.port;
  switch (c.kind) {
    case CallerKind::MutatingWebhook:
    case CallerKind::ValidatingWebhook: {
      const auto& cfg = static_cast<const model::WebhookConfiguration&>(*c.object);
      chain.name = c.webhook_name;
      chain.webhook = c.webhook;
      chain.webhook_index = static_cast<size_t>(c.webhook - cfg.webhooks.data());
      chain.failure_policy = c.failure_policy;
      chain.timeout_seconds = c.webhook->timeout_seconds.value_or(default_timeout(cfg));
      for (const model::WebhookRule& r : c.webhook->rules) {
        for (const std::string& op : r.operations) add_unique(chain.operations, op);
        for (const std::string& res : r.resources) {
          std::string group = r.api_groups.empty() || r.api_groups.front().empty() ? "" : r.api_groups.front();
          add_unique(chain.resources, group.empty() || group == "*" ? res : res + "." + group);
        }
      }
      chain.namespace_selector = summarise(c.webhook->namespace_selector);
      break;
    }
    case CallerKind::ConversionWebhook: {
      const auto& crd = static_cast<const model::CustomResourceDefinition&>(*c.object);
      chain.name = crd.meta.name;
      chain.operations = {"convert"};
      chain.resources = {crd.plural + "." + crd.group};
      chain.namespace_selector = "all namespaces";
      break;
    }
    case CallerKind::APIService: {
      const auto& api = static_cast<const model::APIService&>(*c.object);
      chain.name = api.meta.name;
      chain.operations = {"all"};
      chain.resources = {api.group + "/" + api.version};
      chain.namespace_selector = "all namespaces";
      break;
    }
  }
}

// Fail-closed callers break on what Ignore callers only risk.
Verdict failing(const WebhookChain& c) { return c.fails_closed() ? Verdict::Broken : Verdict::AtRisk; }

void check_service(const model::Snapshot& snapshot, WebhookChain& chain) {
  const Backend& b = *chain.backend;
  if (!b.service) {
    bool namespace_dumped = false;
    for (const model::Service& s : snapshot.services) namespace_dumped = namespace_dumped || s.meta.ns == b.ns;
    chain.causes.push_back({CauseKind::ServiceMissing, namespace_dumped ? failing(chain) : Verdict::AtRisk,
                            "Service " + b.ns + "/" + b.service_name +
                                (namespace_dumped ? " does not exist (the API server answers: service \"" +
                                                        b.service_name + "\" not found)"
                                                  : " is not in the input")});
    return;
  }
  const model::ServicePort* port = nullptr;
  std::string ports;
  for (const model::ServicePort& p : b.service->ports) {
    if (p.port == chain.port) port = &p;
    ports += (ports.empty() ? "" : ", ") + std::to_string(p.port);
  }
  if (!port) {
    chain.causes.push_back({CauseKind::WrongServicePort, failing(chain),
                            "Service " + b.ns + "/" + b.service_name + " has no port " + std::to_string(chain.port) +
                                " (its ports: " + (ports.empty() ? "none" : ports) +
                                "): the API server answers \"no service port " + std::to_string(chain.port) +
                                " found for service\""});
    return;
  }
  // The pods must expose the targetPort: a missing named port leaves no endpoint, a
  // number nobody declares is usually a port nothing listens on (connection refused).
  for (const model::Workload* w : chain.workloads) {
    bool named = !port->target_port_name.empty();
    int32_t number = named ? 0 : (port->target_port_number ? port->target_port_number : port->port);
    bool declares_any = false, found = false;
    for (const model::Container& c : w->tmpl.spec.containers) {
      for (const model::ContainerPort& p : c.ports) {
        declares_any = true;
        found = found || (named ? p.name == port->target_port_name : p.container_port == number);
      }
    }
    if (found || (!named && !declares_any)) continue;
    std::string target = named ? "named port \"" + port->target_port_name + "\"" : "port " + std::to_string(number);
    chain.causes.push_back({CauseKind::TargetPortNotExposed, named ? failing(chain) : Verdict::AtRisk,
                            "Service port " + std::to_string(port->port) + " targets " + target + ", which " + w->kind +
                                " " + w->meta.name + "'s containers do not declare" +
                                (named ? " (so it has no endpoint for that port)" : " (connection refused)")});
  }
}

void check_endpoints(Analyses& analyses, WebhookChain& chain) {
  const Backend& b = *chain.backend;
  const model::Snapshot& snapshot = analyses.snapshot();
  const size_t ready = chain.endpoints.size();
  size_t unreachable = 0;
  size_t first_unreachable = 0;
  for (const EndpointReach& er : chain.endpoints) {
    const ServiceEndpoint& e = er.endpoint;
    if (er.reach.network == model::PodNetwork::Unroutable) {
      if (unreachable++ == 0) first_unreachable = chain.causes.size();
      chain.causes.push_back(
          {CauseKind::UnreachableEndpoint, failing(chain),
           "ready endpoint " + e.describe() + " cannot be reached by the control plane: " + er.reach.why});
    } else if (er.reach.network == model::PodNetwork::Unknown) {
      chain.causes.push_back({CauseKind::UnknownReachability, Verdict::AtRisk,
                              "ready endpoint " + e.describe() + " may be unreachable: " + er.reach.why});
    }
  }
  if (unreachable > 0 && unreachable < ready) {
    chain.causes[first_unreachable].text +=
        " (" + std::to_string(unreachable) + " of " + std::to_string(ready) +
        " ready endpoints: the API server picks one at random, so that share of calls fails)";
  }
  if (ready == 0 && b.service) {
    // Without any endpoint list or pod, the input is manifests: nothing is known to be missing.
    bool observed = b.endpoints.listed_by.has_value() || !snapshot.pods_in(b.ns).empty();
    if (observed) {
      chain.causes.push_back(
          {CauseKind::NoReadyEndpoints, failing(chain),
           "Service " + b.ns + "/" + b.service_name +
               " has no ready endpoint (the API server answers: no endpoints available for service \"" +
               b.service_name + "\")"});
    }
  }
  if (unreachable > 0) return;
  const Reachability& reachability = analyses.reachability();
  for (const model::Workload* w : chain.workloads) {
    if (!feasible_in(snapshot, w->tmpl.spec, model::Environment::Hybrid)) continue;
    Reach reach = reachability.of_template_on_hybrid(w->tmpl.spec);
    if (reach.reachable() || !analyses.has_hybrid_nodes()) continue;
    chain.causes.push_back({CauseKind::MayLandOnHybrid, Verdict::AtRisk,
                            w->kind + " " + w->meta.ns + "/" + w->meta.name +
                                " may be scheduled on a hybrid node, where the control plane could not reach it (" +
                                reach.why + ")"});
  }
}

bool cainjector_running(const model::Snapshot& snapshot) {
  for (const model::Workload& w : snapshot.workloads) {
    if (w.meta.name.find("cainjector") == std::string::npos) continue;
    if (w.replicas && *w.replicas == 0) return false;
    bool any_pod = false, ready = false;
    for (const model::Pod* p : snapshot.pods_in(w.meta.ns)) {
      if (p->meta.name.rfind(w.meta.name, 0) != 0) continue;
      any_pod = true;
      ready = ready || p->ready.value_or(false);
    }
    return !any_pod || ready;
  }
  return snapshot.workloads.empty();  // no workloads in the input: nothing says it is down
}

void check_certificate(const model::Snapshot& snapshot, WebhookChain& chain) {
  bool has_bundle = true;
  bool injected = false;
  if (chain.webhook) {
    has_bundle = chain.webhook->has_ca_bundle;
  } else if (chain.kind == CallerKind::ConversionWebhook) {
    has_bundle = static_cast<const model::CustomResourceDefinition&>(*chain.object).conversion_has_ca_bundle;
  } else if (chain.kind == CallerKind::APIService) {
    const auto& api = static_cast<const model::APIService&>(*chain.object);
    has_bundle = api.has_ca_bundle || api.insecure_skip_tls_verify;
  }
  for (const auto& [key, value] : chain.object->meta.annotations) {
    injected = injected || key.starts_with("cert-manager.io/inject-");
  }
  // A url: host may carry a publicly trusted certificate: no caBundle needed.
  if (has_bundle || !chain.url_host.empty()) {
    if (injected && !cainjector_running(snapshot)) {
      chain.causes.push_back({CauseKind::CaInjectorNotRunning, Verdict::AtRisk,
                              "the caBundle is injected by cert-manager's cainjector, which is not running: the next "
                              "certificate rotation leaves a stale caBundle (x509: certificate signed by unknown "
                              "authority)"});
    }
    return;
  }
  std::string text =
      "caBundle is empty: the API server cannot verify the serving certificate (x509: certificate "
      "signed by unknown authority)";
  if (injected) {
    text += cainjector_running(snapshot) ? "; cert-manager's cainjector should fill it (annotation cert-manager.io/"
                                           "inject-ca-from*): check its logs and the Certificate"
                                         : "; cert-manager's cainjector, which fills it, is not running";
  }
  chain.causes.push_back({CauseKind::CaBundleMissing, failing(chain), text});
}

void decide(WebhookChain& chain) {
  std::stable_sort(chain.causes.begin(), chain.causes.end(),
                   [](const Cause& a, const Cause& b) { return a.severity > b.severity; });
  for (const Cause& c : chain.causes) chain.verdict = std::max(chain.verdict, c.severity);
  if (!chain.causes.empty() && chain.causes.front().severity != Verdict::Ok) {
    chain.reason = chain.causes.front().text;
    return;
  }
  if (!chain.causes.empty()) {
    chain.reason = chain.causes.front().text;
  } else if (!chain.endpoints.empty()) {
    chain.reason = std::to_string(chain.endpoints.size()) + " ready endpoint(s), all reachable by the control plane";
  } else {
    chain.reason = "no endpoint in the input; its workloads cannot land where the control plane cannot reach them";
  }
}

void check_url(Analyses& analyses, WebhookChain& chain) {
  if (!IpAddress::parse(chain.url_host)) {
    chain.causes.push_back({CauseKind::UrlNotChecked, Verdict::Ok,
                            "url host " + chain.url_host +
                                " was not checked: whether the control plane reaches it depends on DNS and routes "
                                "outside the cluster"});
    return;
  }
  Location where = analyses.endpoint_locator().locate_address(chain.url_host);
  Reach reach = analyses.reachability().of_address(where, chain.url_host, false);
  ServiceEndpoint e;
  e.address = url_host(chain.backend->url);  // a view into the backend, which outlives the chains
  e.location = where;
  chain.endpoints.push_back({e, reach});
  if (where.environment == EndpointEnvironment::Cloud) return;
  if (reach.network == model::PodNetwork::Unroutable) {
    chain.causes.push_back({CauseKind::UnreachableEndpoint, failing(chain),
                            "url host " + chain.url_host + " cannot be reached by the control plane: " + reach.why});
  } else if (!reach.reachable()) {
    chain.causes.push_back(
        {CauseKind::UnknownReachability, Verdict::AtRisk, "url host " + chain.url_host + " " + reach.why});
  }
}

int kind_order(CallerKind k) {
  switch (k) {
    case CallerKind::MutatingWebhook:
      return 0;
    case CallerKind::ValidatingWebhook:
      return 1;
    case CallerKind::ConversionWebhook:
      return 2;
    case CallerKind::APIService:
      return 3;
  }
  return 4;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Ok:
      return "OK";
    case Verdict::AtRisk:
      return "AT RISK";
    case Verdict::Broken:
      return "BROKEN";
  }
  return "?";
}

const char* cause_kind_name(CauseKind k) {
  switch (k) {
    case CauseKind::ServiceMissing:
      return "service-missing";
    case CauseKind::WrongServicePort:
      return "wrong-service-port";
    case CauseKind::TargetPortNotExposed:
      return "target-port-not-exposed";
    case CauseKind::NoReadyEndpoints:
      return "no-ready-endpoints";
    case CauseKind::UnreachableEndpoint:
      return "unreachable-endpoint";
    case CauseKind::UnknownReachability:
      return "reachability-unknown";
    case CauseKind::MayLandOnHybrid:
      return "may-land-on-hybrid";
    case CauseKind::CaBundleMissing:
      return "ca-bundle-missing";
    case CauseKind::CaInjectorNotRunning:
      return "cainjector-not-running";
    case CauseKind::TimeoutTooShort:
      return "timeout-too-short";
    case CauseKind::ApiServiceUnavailable:
      return "apiservice-unavailable";
    case CauseKind::UrlNotChecked:
      return "url-not-checked";
  }
  return "?";
}

std::string WebhookChain::target() const {
  if (!url_host.empty()) return backend ? backend->url : url_host;
  if (!backend) return "";
  return "Service " + backend->ns + "/" + backend->service_name + ":" + std::to_string(port);
}

std::vector<WebhookChain> webhook_chains(Analyses& analyses) {
  const model::Snapshot& snapshot = analyses.snapshot();
  std::vector<WebhookChain> out;
  for (const Backend& b : analyses.backends()) {
    for (const Caller& c : b.callers) {
      WebhookChain& chain = out.emplace_back();
      describe_caller(c, chain);
      chain.backend = &b;
      chain.workloads = b.workloads;
      if (!b.url.empty()) {
        chain.url_host = std::string(url_host(b.url));
        check_url(analyses, chain);
      } else {
        for (const ServiceEndpoint& e : b.endpoints.endpoints) {
          chain.endpoints.push_back({e, analyses.reachability().of_endpoint(e)});
        }
        check_service(snapshot, chain);
        check_endpoints(analyses, chain);
      }
      check_certificate(snapshot, chain);
      if (chain.kind == CallerKind::APIService) {
        const auto& api = static_cast<const model::APIService&>(*chain.object);
        if (api.available == false) {
          chain.causes.push_back({CauseKind::ApiServiceUnavailable, Verdict::Broken,
                                  "APIService " + api.meta.name + " reports Available=False: discovery of " +
                                      api.group + "/" + api.version + " fails (kubectl, namespace deletion, HPA)"});
        }
      }
      bool hybrid_reachable = false;
      for (const EndpointReach& er : chain.endpoints) {
        hybrid_reachable = hybrid_reachable ||
                           (er.reach.reachable() && er.endpoint.location.environment == EndpointEnvironment::Hybrid);
      }
      if (chain.timeout_seconds && *chain.timeout_seconds < kMinHybridTimeoutSeconds && hybrid_reachable) {
        chain.causes.push_back({CauseKind::TimeoutTooShort, Verdict::AtRisk,
                                "timeoutSeconds " + std::to_string(*chain.timeout_seconds) +
                                    " leaves no room for a call across the VPN to its hybrid endpoints (TLS and the "
                                    "request take about three round trips of up to 200 ms)"});
      }
      decide(chain);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const WebhookChain& a, const WebhookChain& b) {
    if (kind_order(a.kind) != kind_order(b.kind)) return kind_order(a.kind) < kind_order(b.kind);
    if (a.object->meta.name != b.object->meta.name) return a.object->meta.name < b.object->meta.name;
    return a.webhook_index < b.webhook_index;
  });
  return out;
}

}  // namespace hybridctl::analysis
