// Control-plane-called backends (RULES.md): what the API server itself
// connects to — admission webhooks, CRD conversion webhooks and aggregated
// APIs — with their callers, ready endpoints and workloads. A backend is a
// Service, or a `url:` for webhooks that name their address themselves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/ready_endpoints.h"
#include "analysis/service_workloads.h"
#include "model/snapshot.h"

namespace hybridctl::analysis {

enum class CallerKind { MutatingWebhook, ValidatingWebhook, ConversionWebhook, APIService };

struct Caller {
  CallerKind kind;
  const model::ObjectBase* object = nullptr;
  std::string webhook_name;                 // admission webhooks
  std::string failure_policy;               // admission webhooks: the policy in force
  const model::Webhook* webhook = nullptr;  // admission webhooks
  int32_t port = 443;                       // the Service port it calls (the API's default is 443)
};

struct Backend {
  std::string ns;
  std::string service_name;
  std::string url;                          // a `url:` backend (then no Service)
  const model::Service* service = nullptr;  // nullptr when the Service is not in the input (or a url)
  std::vector<Caller> callers;
  ServiceEndpoints endpoints;  // the ready ones
  // Top workloads behind the Service: owners of its endpoint pods and the
  // workloads whose pod template its selector matches.
  std::vector<const model::Workload*> workloads;

  // A failure breaks requests: some webhook fails closed, or an APIService /
  // conversion webhook (which have no failure policy) calls it.
  bool fails_closed() const;
  std::string describe_callers() const;
  // "Service ns/name" or "URL https://..."
  std::string describe() const;
  std::vector<const model::Pod*> ready_pods() const;
};

// The host of a webhook URL, as a view into it: "https://10.0.0.5:8443/x" → "10.0.0.5",
// "https://[fd00::1]:443/" → "fd00::1".
std::string_view url_host(std::string_view url);

std::vector<Backend> find_backends(const model::Snapshot& snapshot, const EndpointLocator& locator,
                                   const PodFinder& find_pod, const SelectedWorkloads& selected);

}  // namespace hybridctl::analysis
