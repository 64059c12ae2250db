#include "analysis/backends.h"

#include <algorithm>
#include <map>

#include "analysis/ownership.h"
#include "analysis/service_workloads.h"

namespace hybridctl::analysis {

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

std::string Backend::describe() const {
  if (!url.empty()) return "URL " + url;
  return "Service " + ns + "/" + service_name;
}

std::vector<const model::Pod*> Backend::ready_pods() const {
  std::vector<const model::Pod*> out;
  for (const ServiceEndpoint& e : endpoints.endpoints) {
    if (e.pod && std::find(out.begin(), out.end(), e.pod) == out.end()) out.push_back(e.pod);
  }
  return out;
}

std::string_view url_host(std::string_view url) {
  if (size_t scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  url = url.substr(0, url.find_first_of("/?#"));
  if (size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (url.starts_with('[')) return url.substr(1, url.find(']') - 1);
  return url.substr(0, url.find(':'));
}

std::vector<Backend> find_backends(const model::Snapshot& snapshot, const EndpointLocator& locator,
                                   const PodFinder& find_pod, const SelectedWorkloads& selected) {
  // Keyed by (namespace, name) of the Service, or ("", url) for url: backends.
  std::map<std::pair<std::string, std::string>, Backend> by_target;
  auto add_service = [&](const model::ServiceReference& ref, Caller caller) {
    Backend& b = by_target[{ref.ns, ref.name}];
    b.ns = ref.ns;
    b.service_name = ref.name;
    caller.port = ref.port.value_or(443);
    b.callers.push_back(std::move(caller));
  };
  auto add_url = [&](const std::string& url, Caller caller) {
    Backend& b = by_target[{"", url}];
    b.url = url;
    b.callers.push_back(std::move(caller));
  };
  for (const auto& cfg : snapshot.webhook_configurations) {
    for (const auto& w : cfg.webhooks) {
      Caller caller{cfg.mutating ? CallerKind::MutatingWebhook : CallerKind::ValidatingWebhook, &cfg, w.name,
                    cfg.effective_failure_policy(w), &w};
      if (w.service) {
        add_service(*w.service, std::move(caller));
      } else if (!w.url.empty()) {
        add_url(w.url, std::move(caller));
      }
    }
  }
  for (const auto& crd : snapshot.crds) {
    if (crd.conversion_service) {
      add_service(*crd.conversion_service, {CallerKind::ConversionWebhook, &crd, "", ""});
    } else if (!crd.conversion_url.empty()) {
      add_url(crd.conversion_url, {CallerKind::ConversionWebhook, &crd, "", ""});
    }
  }
  for (const auto& api : snapshot.api_services) {
    if (api.service) add_service(*api.service, {CallerKind::APIService, &api, "", ""});
  }

  std::vector<Backend> out;
  for (auto& [key, b] : by_target) {
    if (b.url.empty()) {
      b.service = snapshot.service(b.ns, b.service_name);
      if (b.service) {
        b.endpoints = ready_endpoints(snapshot, locator, find_pod, *b.service);
        b.workloads = service_workloads(snapshot, selected, *b.service, b.ready_pods());
      } else {
        // The Service is not in the input, its endpoint lists may be.
        ServiceEndpoints listed = listed_endpoints(snapshot, locator, find_pod, b.ns, b.service_name);
        b.endpoints.listed_by = listed.listed_by;
        for (ServiceEndpoint& e : listed.endpoints) {
          if (e.is_ready()) b.endpoints.endpoints.push_back(std::move(e));
        }
        for (const model::Pod* p : b.ready_pods()) {
          const model::Workload* w = workload_of_pod(snapshot, *p);
          if (w && std::find(b.workloads.begin(), b.workloads.end(), w) == b.workloads.end()) b.workloads.push_back(w);
        }
      }
    }
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace hybridctl::analysis
