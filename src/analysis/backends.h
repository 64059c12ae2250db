// Control-plane-called backends (RULES.md): the Services the API server
// itself connects to — admission webhooks, CRD conversion webhooks and
// aggregated APIs — with their callers, ready endpoint pods and workloads.
#pragma once

#include <string>
#include <vector>

#include "model/snapshot.h"

namespace hybridctl::analysis {

enum class CallerKind { MutatingWebhook, ValidatingWebhook, ConversionWebhook, APIService };

struct Caller {
  CallerKind kind;
  const model::ObjectBase* object = nullptr;
  std::string webhook_name;    // admission webhooks
  std::string failure_policy;  // admission webhooks: the policy in force
};

struct Backend {
  std::string ns;
  std::string service_name;
  const model::Service* service = nullptr;  // nullptr when the Service is not in the input
  std::vector<Caller> callers;
  std::vector<const model::Pod*> ready_endpoints;
  // Top workloads behind the Service: owners of its endpoint pods and the
  // workloads whose pod template its selector matches.
  std::vector<const model::Workload*> workloads;

  // A failure breaks requests: some webhook fails closed, or an APIService /
  // conversion webhook (which have no failure policy) calls it.
  bool fails_closed() const;
  std::string describe_callers() const;
};

std::vector<Backend> find_backends(const model::Snapshot& snapshot);

// Ready endpoint pods of a Service (selector + Ready + named port declared,
// or listed ready in its EndpointSlices).
std::vector<const model::Pod*> ready_endpoint_pods(const model::Snapshot& snapshot, const model::Service& service);

}  // namespace hybridctl::analysis
