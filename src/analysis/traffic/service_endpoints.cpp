#include "analysis/traffic/service_endpoints.h"

#include <map>
#include <unordered_set>
#include <utility>

#include "k8s/topology_aware_hints.h"

namespace hybridctl::analysis::traffic {
namespace {

model::Environment environment_of(const TrafficContext& context, std::string_view node, std::string_view zone) {
  if (const model::Node* n = context.node(node)) return n->environment();
  return context.zone_environment(zone).value_or(model::Environment::Cloud);
}

bool already_seen(std::vector<std::pair<std::string_view, std::string_view>>& seen, std::string_view type,
                  std::string_view address) {
  for (const auto& [t, a] : seen) {
    if (a == address && t == type) return true;
  }
  seen.emplace_back(type, address);
  return false;
}

void add_slice_endpoints(const TrafficContext& context, const model::Service& service,
                         const std::vector<const model::EndpointSlice*>& slices, ServiceEndpoints& out) {
  size_t total = 0;
  for (const model::EndpointSlice* slice : slices) total += slice->endpoints.size();
  out.endpoints.reserve(total);
  // Services have tens of endpoints: a linear scan beats hashing here.
  std::vector<std::pair<std::string_view, std::string_view>> seen;
  seen.reserve(total);
  const bool has_pods = context.has_pods();
  for (const model::EndpointSlice* slice : slices) {
    for (const model::Endpoint& e : slice->endpoints) {
      if (e.addresses.empty() || already_seen(seen, slice->address_type, e.addresses.front())) continue;
      EndpointView& v = out.endpoints.emplace_back();
      v.address = e.addresses.front();
      v.node = e.node_name;
      v.zone = e.zone;
      v.environment = environment_of(context, v.node, v.zone);
      // kube-proxy's reading: a missing ready or serving condition means true.
      v.ready = e.ready.value_or(true);
      v.serving = e.serving.value_or(true);
      v.terminating = e.terminating.value_or(false);
      v.controller_ready = e.ready.value_or(false);
      v.observed_hints = e.hints;
      if (!slice->address_type.empty()) v.address_type = slice->address_type;
      if (has_pods && e.target_kind == "Pod") {
        v.pod = context.pod(e.target_ns.empty() ? service.meta.ns : e.target_ns, e.target_name);
      }
    }
  }
}

// The EndpointSlice controller's endpoint for a pod (endpointslice utils.go): zone from the
// pod's node, serving = pod Ready, terminating = deletionTimestamp set,
// ready = publishNotReadyAddresses || (serving && !terminating).
void add_pod_endpoints(const TrafficContext& context, const model::Service& service, ServiceEndpoints& out) {
  std::unordered_set<std::string_view> seen;
  for (const model::Pod* pod : context.selected_pods(service)) {
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
    v.environment = environment_of(context, v.node, v.zone);
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
  std::vector<const model::EndpointSlice*> slices = context.snapshot().slices_of(service.meta.ns, service.meta.name);
  out.from_slices = !slices.empty();
  if (out.from_slices) {
    add_slice_endpoints(context, service, slices, out);
  } else {
    add_pod_endpoints(context, service, out);
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
