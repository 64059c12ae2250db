#include "analysis/ready_endpoints.h"

#include <algorithm>
#include <map>
#include <utility>

#include "k8s/label_selector.h"

namespace hybridctl::analysis {
namespace {

EndpointEnvironment environment_of(const model::Node& n) {
  return n.is_hybrid() ? EndpointEnvironment::Hybrid : EndpointEnvironment::Cloud;
}

bool already_listed(std::vector<std::pair<std::string_view, std::string_view>>& seen, std::string_view type,
                    std::string_view address) {
  // Services have tens of endpoints: a linear scan beats hashing here.
  for (const auto& [t, a] : seen) {
    if (a == address && t == type) return true;
  }
  seen.emplace_back(type, address);
  return false;
}

std::string_view address_type_of(std::string_view address) {
  return address.find(':') != std::string_view::npos ? "IPv6" : "IPv4";
}

}  // namespace

const char* endpoint_environment_name(EndpointEnvironment e) {
  switch (e) {
    case EndpointEnvironment::Cloud:
      return "cloud";
    case EndpointEnvironment::Hybrid:
      return "hybrid";
    case EndpointEnvironment::Unknown:
      return "unknown";
  }
  return "unknown";
}

const char* endpoint_source_name(EndpointSource s) {
  switch (s) {
    case EndpointSource::EndpointSlice:
      return "EndpointSlice";
    case EndpointSource::Endpoints:
      return "Endpoints";
    case EndpointSource::Selector:
      return "selector";
  }
  return "?";
}

EndpointLocator::EndpointLocator(const model::Snapshot& snapshot, const Routability& routability)
    : snapshot_(snapshot) {
  auto add = [this](std::string_view text, EndpointEnvironment env, std::string source) {
    if (auto c = Cidr::parse(text)) ranges_.push_back({*c, env, std::move(source)});
  };
  for (const model::Node& n : snapshot.nodes) {
    for (const std::string& c : n.pod_cidrs) add(c, environment_of(n), "Node " + n.meta.name + " spec.podCIDRs " + c);
    if (!n.internal_ip.empty()) nodes_by_ip_.emplace(n.internal_ip, &n);
  }
  for (const Routability::PoolEvidence& p : routability.hybrid_pools()) {
    add(p.cidr, EndpointEnvironment::Hybrid, p.source + " " + p.cidr);
  }
  for (const Cidr& c : routability.remote_pod_networks().blocks()) {
    ranges_.push_back({c, EndpointEnvironment::Hybrid, "remotePodNetworks " + c.str()});
  }
  for (const Cidr& c : routability.remote_node_networks().blocks()) {
    ranges_.push_back({c, EndpointEnvironment::Hybrid, "remoteNodeNetworks " + c.str()});
  }
  // The narrowest range that holds an address says the most about it.
  std::stable_sort(ranges_.begin(), ranges_.end(),
                   [](const Range& a, const Range& b) { return a.cidr.prefix > b.cidr.prefix; });
}

Location EndpointLocator::locate_address(std::string_view address) const {
  auto ip = IpAddress::parse(address);
  if (!ip) return {EndpointEnvironment::Unknown, nullptr, "no node name and no known range"};
  // A node's own address: a hostNetwork endpoint, or the node itself.
  if (auto it = nodes_by_ip_.find(address); it != nodes_by_ip_.end()) {
    return {environment_of(*it->second), it->second, "the InternalIP of node " + it->second->meta.name};
  }
  for (const Range& r : ranges_) {
    if (r.cidr.contains(*ip)) return {r.environment, nullptr, "inside " + r.source};
  }
  return {EndpointEnvironment::Unknown, nullptr, "no node name and no known range holds " + std::string(address)};
}

Location EndpointLocator::locate(std::string_view node_name, std::string_view address, std::string_view zone) const {
  if (const model::Node* n = node_name.empty() ? nullptr : snapshot_.node(node_name)) {
    return {environment_of(*n), n, {}};
  }
  Location by_address = locate_address(address);
  if (by_address.environment != EndpointEnvironment::Unknown || zone.empty()) return by_address;
  // A zone that only one environment's nodes use.
  bool cloud = false, hybrid = false;
  for (const model::Node& n : snapshot_.nodes) {
    if (n.zone() != zone) continue;
    (n.is_hybrid() ? hybrid : cloud) = true;
  }
  if (cloud != hybrid) {
    return {cloud ? EndpointEnvironment::Cloud : EndpointEnvironment::Hybrid, nullptr,
            "zone " + std::string(zone) + " holds only " + (cloud ? "cloud" : "hybrid") + " nodes"};
  }
  return by_address;
}

std::string ServiceEndpoint::describe() const {
  std::string out = address.empty() ? std::string("(no address)") : std::string(address);
  if (location.node) {
    out += std::string(" on ") + endpoint_environment_name(location.environment) + " node " + location.node->meta.name;
  } else if (!node_name.empty()) {
    out += " on node " + std::string(node_name) + " (not in the input; " +
           endpoint_environment_name(location.environment) + ": " + location.evidence() + ")";
  } else {
    out += std::string(" (no node name; ") + endpoint_environment_name(location.environment) + ": " +
           location.evidence() + ")";
  }
  if (pod) out += ", pod " + pod->meta.name;
  if (host_network) out += ", hostNetwork";
  return out;
}

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

namespace {

void complete(ServiceEndpoint& e, const EndpointLocator& locator, const PodFinder& find_pod, std::string_view ns,
              std::string_view target_kind, std::string_view target_ns, std::string_view target_name) {
  if (target_kind == "Pod" && find_pod) e.pod = find_pod(target_ns.empty() ? ns : target_ns, target_name);
  if (e.node_name.empty() && e.pod) e.node_name = e.pod->spec.node_name;
  e.location = locator.locate(e.node_name, e.address, e.zone);
  e.host_network = e.pod ? e.pod->spec.host_network
                         : e.location.node && !e.address.empty() && e.location.node->internal_ip == e.address;
}

void add_slices(const std::vector<const model::EndpointSlice*>& slices, const EndpointLocator& locator,
                const PodFinder& find_pod, std::string_view ns, ServiceEndpoints& out) {
  size_t total = 0;
  for (const model::EndpointSlice* s : slices) total += s->endpoints.size();
  out.endpoints.reserve(total);
  std::vector<std::pair<std::string_view, std::string_view>> seen;
  seen.reserve(total);
  for (const model::EndpointSlice* slice : slices) {
    for (const model::Endpoint& ep : slice->endpoints) {
      if (ep.addresses.empty() || already_listed(seen, slice->address_type, ep.addresses.front())) continue;
      ServiceEndpoint& e = out.endpoints.emplace_back();
      e.address = ep.addresses.front();  // the API server and kube-proxy use the first only
      if (!slice->address_type.empty()) e.address_type = slice->address_type;
      e.node_name = ep.node_name;
      e.zone = ep.zone;
      e.ready = ep.ready;
      e.serving = ep.serving;
      e.terminating = ep.terminating;
      e.hints = ep.hints ? &*ep.hints : nullptr;
      e.slice_endpoint = &ep;
      e.source = EndpointSource::EndpointSlice;
      e.listed_by = slice;
      e.ports = slice->ports;
      complete(e, locator, find_pod, ns, ep.target_kind, ep.target_ns, ep.target_name);
    }
  }
}

void add_core_endpoints(const model::CoreEndpoints& eps, const EndpointLocator& locator, const PodFinder& find_pod,
                        std::string_view ns, ServiceEndpoints& out) {
  std::vector<std::pair<std::string_view, std::string_view>> seen;
  for (const model::EndpointSubset& subset : eps.subsets) {
    for (bool ready : {true, false}) {
      for (const model::EndpointAddress& a : ready ? subset.addresses : subset.not_ready_addresses) {
        if (a.ip.empty() || already_listed(seen, address_type_of(a.ip), a.ip)) continue;
        ServiceEndpoint& e = out.endpoints.emplace_back();
        e.address = a.ip;
        e.address_type = address_type_of(a.ip);
        e.node_name = a.node_name;
        e.ready = ready;
        e.source = EndpointSource::Endpoints;
        e.listed_by = &eps;
        e.ports = subset.ports;
        complete(e, locator, find_pod, ns, a.target_kind, a.target_ns, a.target_name);
      }
    }
  }
}

}  // namespace

ServiceEndpoints listed_endpoints(const model::Snapshot& snapshot, const EndpointLocator& locator,
                                  const PodFinder& find_pod, std::string_view ns, std::string_view name) {
  ServiceEndpoints out;
  std::vector<const model::EndpointSlice*> slices = snapshot.slices_of(ns, name);
  if (!slices.empty()) {
    out.listed_by = EndpointSource::EndpointSlice;
    add_slices(slices, locator, find_pod, ns, out);
  } else if (const model::CoreEndpoints* eps = snapshot.endpoints_of(ns, name)) {
    out.listed_by = EndpointSource::Endpoints;
    add_core_endpoints(*eps, locator, find_pod, ns, out);
  }
  return out;
}

ServiceEndpoints ready_endpoints(const model::Snapshot& snapshot, const EndpointLocator& locator,
                                 const PodFinder& find_pod, const model::Service& service) {
  ServiceEndpoints listed = listed_endpoints(snapshot, locator, find_pod, service.meta.ns, service.meta.name);
  ServiceEndpoints out;
  out.listed_by = listed.listed_by;
  for (ServiceEndpoint& e : listed.endpoints) {
    if (e.is_ready()) out.endpoints.push_back(std::move(e));
  }
  if (!service.has_selector) return out;
  for (const model::Pod* p : snapshot.pods_in(service.meta.ns)) {
    if (!p->ready.value_or(false) || p->meta.deleting || !k8s::selector_map_matches(service.selector, p->meta.labels) ||
        !declares_named_ports(*p, service)) {
      continue;
    }
    bool known = false;
    for (const ServiceEndpoint& e : out.endpoints)
      known = known || e.pod == p || (!p->pod_ip.empty() && e.address == p->pod_ip);
    if (known) continue;
    ServiceEndpoint& e = out.endpoints.emplace_back();
    e.address = p->pod_ip;
    e.address_type = address_type_of(p->pod_ip);
    e.node_name = p->spec.node_name;
    e.ready = true;
    e.source = EndpointSource::Selector;
    e.pod = p;
    e.location = locator.locate(e.node_name, e.address);
    e.host_network = p->spec.host_network;
    if (!out.listed_by) out.listed_by = EndpointSource::Selector;
  }
  return out;
}

}  // namespace hybridctl::analysis
