#include "analysis/backends.h"

#include <algorithm>
#include <map>

#include "analysis/ownership.h"
#include "analysis/service_workloads.h"
#include "k8s/label_selector.h"

namespace hybridctl::analysis {
namespace {

bool declares_named_ports(const model::Pod& pod, const model::Service& service) {
  for (const model::ServicePort& sp : service.ports) {
    if (sp.target_port_name.empty()) continue;
    bool found = false;
    for (const auto& c : pod.spec.containers) {
      for (const auto& p : c.ports) found = found || p.name == sp.target_port_name;
    }
    if (!found) return false;
  }
  return true;
}

}  // namespace

bool Backend::fails_closed() const {
  for (const Caller& c : callers) {
    if (c.kind == CallerKind::APIService || c.kind == CallerKind::ConversionWebhook) return true;
    if (c.failure_policy == "Fail") return true;
  }
  return false;
}

std::string Backend::describe_callers() const {
  std::string out;
  for (const Caller& c : callers) {
    if (!out.empty()) out += ", ";
    switch (c.kind) {
      case CallerKind::MutatingWebhook:
        out += "mutating webhook " + c.webhook_name;
        break;
      case CallerKind::ValidatingWebhook:
        out += "validating webhook " + c.webhook_name;
        break;
      case CallerKind::ConversionWebhook:
        out += "conversion webhook of CRD " + c.object->meta.name;
        break;
      case CallerKind::APIService:
        out += "APIService " + c.object->meta.name;
        break;
    }
    if (!c.failure_policy.empty()) out += " (failurePolicy " + c.failure_policy + ")";
  }
  return out;
}

std::vector<const model::Pod*> ready_endpoint_pods(const model::Snapshot& snapshot, const model::Service& service) {
  std::vector<const model::Pod*> out;
  if (service.has_selector) {
    for (const model::Pod* p : snapshot.pods_in(service.meta.ns)) {
      if (p->ready.value_or(false) && !p->meta.deleting &&
          k8s::selector_map_matches(service.selector, p->meta.labels) && declares_named_ports(*p, service)) {
        out.push_back(p);
      }
    }
  }
  for (const model::EndpointSlice* s : snapshot.slices_of(service.meta.ns, service.meta.name)) {
    for (const model::Endpoint& e : s->endpoints) {
      if (!e.ready.value_or(true) || e.target_kind != "Pod") continue;
      std::string_view ns = e.target_ns.empty() ? std::string_view(service.meta.ns) : std::string_view(e.target_ns);
      for (const model::Pod* p : snapshot.pods_in(ns)) {
        if (p->meta.name == e.target_name && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
      }
    }
  }
  return out;
}

std::vector<Backend> find_backends(const model::Snapshot& snapshot) {
  std::map<std::pair<std::string, std::string>, Backend> by_service;
  auto add = [&](const model::ServiceReference& ref, Caller caller) {
    Backend& b = by_service[{ref.ns, ref.name}];
    b.ns = ref.ns;
    b.service_name = ref.name;
    b.callers.push_back(std::move(caller));
  };
  for (const auto& cfg : snapshot.webhook_configurations) {
    for (const auto& w : cfg.webhooks) {
      if (!w.service) continue;
      add(*w.service, {cfg.mutating ? CallerKind::MutatingWebhook : CallerKind::ValidatingWebhook, &cfg, w.name,
                       cfg.effective_failure_policy(w)});
    }
  }
  for (const auto& crd : snapshot.crds) {
    if (crd.conversion_service) add(*crd.conversion_service, {CallerKind::ConversionWebhook, &crd, "", ""});
  }
  for (const auto& api : snapshot.api_services) {
    if (api.service) add(*api.service, {CallerKind::APIService, &api, "", ""});
  }

  std::vector<Backend> out;
  for (auto& [key, b] : by_service) {
    b.service = snapshot.service(b.ns, b.service_name);
    if (b.service) {
      b.ready_endpoints = ready_endpoint_pods(snapshot, *b.service);
      b.workloads = service_workloads(snapshot, *b.service, b.ready_endpoints);
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace hybridctl::analysis
