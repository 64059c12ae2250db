#include "analysis/traffic/service_endpoints.h"

#include <map>
#include <unordered_set>
#include <utility>

#include "k8s/topology_aware_hints.h"

namespace hybridctl::analysis::traffic {
namespace {

// The Service's EndpointSlices (or core/v1 Endpoints) as the one analysis
// of where endpoints run reads them; the traffic model keeps its own view.
void add_listed_endpoints(const TrafficContext& context, const model::Service& service, ServiceEndpoints& out) {
  PodFinder find_pod;
  if (context.has_pods())
    find_pod = [&context](std::string_view ns, std::string_view name) { return context.pod(ns, name); };
  analysis::ServiceEndpoints listed =
      listed_endpoints(context.snapshot(), context.locator(), find_pod, service.meta.ns, service.meta.name);
  out.from_slices = listed.listed_by.has_value();
  out.endpoints.reserve(listed.endpoints.size());
  for (const analysis::ServiceEndpoint& e : listed.endpoints) {
    EndpointView& v = out.endpoints.emplace_back();
    v.address = e.address;
    v.node = e.node_name;
    v.zone = e.zone;
    v.environment =
        e.location.environment == EndpointEnvironment::Hybrid ? model::Environment::Hybrid : model::Environment::Cloud;
    v.environment_unknown = e.location.environment == EndpointEnvironment::Unknown;
    v.host_network = e.host_network;
    // kube-proxy's reading: a missing ready or serving condition means true.
    v.ready = e.ready.value_or(true);
    v.serving = e.source == EndpointSource::Endpoints ? v.ready : e.serving.value_or(true);
    v.terminating = e.terminating.value_or(false);
    v.controller_ready = e.ready.value_or(false);
    if (e.hints) v.observed_hints = *e.hints;
    v.address_type = e.address_type;
    v.pod = e.pod;
  }
}

// The EndpointSlice controller's endpoint for a pod (endpointslice utils.go): zone from the
// pod's node, serving = pod Ready, terminating = deletionTimestamp set,
// ready = publishNotReadyAddresses || (serving && !terminating).
// `only_placed`: just the pods a simulation placed into the snapshot itself
// (simulate's audit of its result), which no EndpointSlice of the input can
// list yet. An audit's own simulated pods stay out of listed Services: its
// traffic model is the observed one wherever the cluster lists endpoints.
void add_pod_endpoints(const TrafficContext& context, const model::Service& service, ServiceEndpoints& out,
                       bool only_placed = false) {
  std::unordered_set<std::string_view> seen;
  for (const model::Pod* pod : context.selected_pods(service)) {
    if (only_placed && (!pod->simulated || context.is_extra(pod))) continue;
    const bool simulated = context.is_simulated(pod);
    if (pod->spec.node_name.empty()) continue;  // not scheduled: no endpoint yet
    if (pod->finished()) continue;
    std::string address = !pod->pod_ip.empty()    ? pod->pod_ip
                          : !pod->pod_ips.empty() ? pod->pod_ips.front()
                          : simulated             ? pod->meta.name  // a placed pod has no IP yet
                                                  : std::string();
    if (address.empty() || !seen.insert(pod->meta.name).second) continue;
    EndpointView v;
    v.address = std::move(address);
    v.node = pod->spec.node_name;
    if (const model::Node* n = context.node(v.node)) v.zone = n->zone();
    Location where = context.locator().locate(v.node, v.address, v.zone);
    v.environment =
        where.environment == EndpointEnvironment::Hybrid ? model::Environment::Hybrid : model::Environment::Cloud;
    v.environment_unknown = where.environment == EndpointEnvironment::Unknown;
    v.host_network = pod->spec.host_network;
    // A simulated pod is placed to run: Ready unless it says otherwise.
    v.serving = pod->ready.value_or(simulated);
    v.terminating = pod->meta.deleting;
    v.ready = service.publish_not_ready_addresses || (v.serving && !v.terminating);
    v.controller_ready = v.ready;
    v.pod = pod;
    if (v.address.find(':') != std::string::npos) v.address_type = "IPv6";
    out.endpoints.push_back(std::move(v));
  }
}

}  // namespace

ServiceEndpoints gather_endpoints(const TrafficContext& context, const model::Service& service) {
  ServiceEndpoints out;
  add_listed_endpoints(context, service, out);
  // A listed Service looks at its pods only for the ones a simulation placed
  // (rare: most audits read a cluster, and thousands of Services list theirs).
  if (!out.from_slices) {
    add_pod_endpoints(context, service, out);
  } else if (context.snapshot_has_placed_pods()) {
    add_pod_endpoints(context, service, out, /*only_placed=*/true);
  }
  return out;
}

ExpectedHints assign_expected_hints(const TrafficContext& context, const model::Service& service,
                                    std::string_view traffic_distribution, std::vector<EndpointView>& endpoints) {
  ExpectedHints out;
  k8s::MechanismChoice choice =
      k8s::choose_hints_mechanism(service.meta.annotations, traffic_distribution, context.gates());
  out.mechanism = choice.mechanism;
  if (choice.mechanism == k8s::HintsMechanism::None) {
    out.removed_reason = choice.why_none;
    for (EndpointView& v : endpoints) v.expected_hints.reset();
    return out;
  }
  // Hints are computed per address type, each over all slices of that type.
  std::map<std::string_view, std::vector<size_t>> by_type;
  for (size_t i = 0; i < endpoints.size(); ++i) by_type[endpoints[i].address_type].push_back(i);
  for (const auto& [type, indexes] : by_type) {
    std::vector<k8s::ControllerEndpoint> input;
    input.reserve(indexes.size());
    for (size_t i : indexes) {
      const EndpointView& v = endpoints[i];
      input.push_back({v.zone, v.node, v.controller_ready, v.observed_hints ? &*v.observed_hints : nullptr});
    }
    std::vector<k8s::Hints> hints;
    if (choice.mechanism == k8s::HintsMechanism::TrafficDistribution) {
      hints = k8s::traffic_distribution_hints(input, choice.node_hints);
    } else {
      k8s::AutoHints auto_hints = k8s::topology_aware_hints(context.census(), input);
      if (!auto_hints.removed_reason.empty() && out.removed_reason.empty()) {
        out.removed_reason = auto_hints.removed_reason;
      }
      out.ambiguous = out.ambiguous || auto_hints.ambiguous;
      hints = std::move(auto_hints.hints);
    }
    for (size_t k = 0; k < indexes.size(); ++k) endpoints[indexes[k]].expected_hints = std::move(hints[k]);
  }
  return out;
}

}  // namespace hybridctl::analysis::traffic
