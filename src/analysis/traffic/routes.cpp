#include "analysis/traffic/routes.h"

#include <algorithm>

namespace hybridctl::analysis::traffic {
namespace {

// What routes read of a Service, prepared once for all its client zones and nodes.
struct RouteInputs {
  std::vector<k8s::ProxyEndpoint> proxy;
  k8s::ProxyServicePolicy policy;
  bool headless = false;
  bool any_ready_hinted = false;  // some ready endpoint carries hints the routes follow
  std::vector<uint32_t> ready;    // what DNS hands out for a headless Service
};

// kube-proxy programs each IP family on its own and ignores FQDN slices; a client's
// connection goes to the Service's primary family, IPv4 when it has IPv4 endpoints.
std::string_view routed_family(const ServiceTraffic& st) {
  bool v6 = false;
  for (const EndpointView& v : st.endpoints) {
    if (v.address_type == "IPv4") return "IPv4";
    v6 = v6 || v.address_type == "IPv6";
  }
  return v6 ? "IPv6" : "";
}

RouteInputs route_inputs(const ServiceTraffic& st) {
  RouteInputs in;
  in.headless = st.service->headless();
  in.policy = k8s::proxy_policy_of(*st.service);
  in.proxy.reserve(st.endpoints.size());
  const std::string_view family = routed_family(st);
  for (uint32_t i = 0; i < st.endpoints.size(); ++i) {
    const EndpointView& v = st.endpoints[i];
    if (v.address_type != family) {
      in.proxy.push_back({v.node, false, false, false, nullptr});  // another family: never picked
      continue;
    }
    const auto& hints = st.routes_use_expected_hints ? v.expected_hints : v.observed_hints;
    in.proxy.push_back({v.node, v.ready, v.serving, v.terminating, hints ? &*hints : nullptr});
    if (v.ready && hints && (!hints->for_zones.empty() || !hints->for_nodes.empty())) {
      in.any_ready_hinted = true;
    }
    if (v.ready) in.ready.push_back(i);
  }
  return in;
}

// Why a data plane chose what it chose; the text is written only for routes kept.
enum class Reason : uint8_t {
  Headless,
  LocalDropped,
  LocalTerminating,
  LocalReady,
  NoEndpoint,
  Terminating,
  NodeHints,
  ZoneHints,
  IgnoresHints,
  NeedsAnnotation,
  EndpointWithoutZoneHint,
  NodeWithoutZone,
  ZoneNotHinted,
  NoHints
};

// One data plane's decision on one node: indexes into the Service's endpoints.
struct Decision {
  const std::vector<uint32_t>* picks = nullptr;  // into the scratch categorization or inputs
  Reason reason = Reason::NoHints;
  uint32_t unhinted_endpoint = 0;  // for EndpointWithoutZoneHint
  bool fell_back_to_all() const { return reason >= Reason::IgnoresHints && reason <= Reason::ZoneNotHinted; }
};

Reason no_filter_reason(const RouteInputs& in, const k8s::ProxyNode& node, const k8s::ProxyHintSupport& support,
                        DataPlane plane, uint32_t& unhinted) {
  if (!support.zone_hints && !support.node_hints) {
    return plane == DataPlane::CiliumIgnoresHints ? Reason::IgnoresHints : Reason::NeedsAnnotation;
  }
  for (uint32_t i = 0; i < in.proxy.size(); ++i) {
    const k8s::ProxyEndpoint& ep = in.proxy[i];
    if (ep.ready && (!ep.hints || ep.hints->for_zones.empty())) {
      unhinted = i;
      return Reason::EndpointWithoutZoneHint;
    }
  }
  return node.zone.empty() ? Reason::NodeWithoutZone : Reason::ZoneNotHinted;
}

// Decides for one node; `scratch` holds the lists and is reused from node to node.
Decision decide(const ServiceTraffic& st, const RouteInputs& in, const k8s::ProxyNode& node, DataPlane plane,
                const TrafficContext& context, k8s::CategorizedEndpoints& scratch) {
  Decision d;
  if (in.headless) {
    d.picks = &in.ready;
    d.reason = Reason::Headless;
    return d;
  }
  k8s::ProxyHintSupport support = hint_support(plane, st.service->meta.annotations, context.gates());
  k8s::categorize_endpoints_into(in.proxy, in.policy, node, support, scratch);
  if (in.policy.internal_local) {
    d.picks = &scratch.local;
    d.reason = scratch.local.empty()            ? Reason::LocalDropped
               : scratch.local_uses_terminating ? Reason::LocalTerminating
                                                : Reason::LocalReady;
    return d;
  }
  d.picks = &scratch.cluster;
  if (scratch.cluster.empty()) {
    d.reason = Reason::NoEndpoint;
  } else if (scratch.cluster_uses_terminating) {
    d.reason = Reason::Terminating;
  } else if (scratch.mode == k8s::TopologyMode::PreferSameNode) {
    d.reason = Reason::NodeHints;
  } else if (scratch.mode == k8s::TopologyMode::PreferSameZone) {
    d.reason = Reason::ZoneHints;
  } else if (in.any_ready_hinted) {
    d.reason = no_filter_reason(in, node, support, plane, d.unhinted_endpoint);
  } else {
    d.reason = Reason::NoHints;
  }
  return d;
}

std::string why_text(const ServiceTraffic& st, const Decision& d, std::string_view zone) {
  switch (d.reason) {
    case Reason::Headless:
      return "headless: DNS returns every ready endpoint; hints do not apply";
    case Reason::LocalDropped:
      return "internalTrafficPolicy Local and no endpoint on this node: dropped";
    case Reason::LocalTerminating:
      return "internalTrafficPolicy Local: this node's serving terminating endpoints";
    case Reason::LocalReady:
      return "internalTrafficPolicy Local: this node's ready endpoints";
    case Reason::NoEndpoint:
      return "no ready or serving endpoint";
    case Reason::Terminating:
      return "no ready endpoint anywhere: serving terminating endpoints";
    case Reason::NodeHints:
      return "node hints for this node";
    case Reason::ZoneHints:
      return "zone hints for " + std::string(zone);
    case Reason::IgnoresHints:
      return "Cilium without enable-service-topology ignores hints";
    case Reason::NeedsAnnotation:
      return "kube-proxy of this release reads hints only with the topology annotation";
    case Reason::EndpointWithoutZoneHint:
      return "endpoint " + st.endpoints[d.unhinted_endpoint].address + " has no zone hint, so every hint is ignored";
    case Reason::NodeWithoutZone:
      return "the node has no topology.kubernetes.io/zone label";
    case Reason::ZoneNotHinted:
      return "no endpoint is hinted for zone " + std::string(zone);
    // Short enough to need no allocation on the most common route; the Service's
    // hints_removed_reason says why there are none.
    case Reason::NoHints:
      return "no hints";
  }
  return {};
}

Route make_route(const ServiceTraffic& st, const Decision& d, const std::string& zone, const std::string& node) {
  Route r;
  r.from_zone = zone;
  r.from_node = node;
  r.fell_back_to_all = d.fell_back_to_all();
  r.why = why_text(st, d, zone);
  r.endpoints.reserve(d.picks->size());
  const double share = d.picks->empty() ? 0.0 : 1.0 / static_cast<double>(d.picks->size());
  for (uint32_t i : *d.picks) {
    r.endpoints.push_back(st.endpoints[i].address);
    r.to_zones[st.endpoints[i].zone] += share;
    if (st.endpoints[i].environment == model::Environment::Hybrid) r.to_hybrid += share;
  }
  return r;
}

// The texts that name the zone differ from zone to zone; the others are shared.
bool zone_specific(Reason r) { return r == Reason::ZoneHints || r == Reason::ZoneNotHinted; }

// Routes already built for this Service, by decision: in a cluster of many zones most zones
// decide alike (every endpoint, when no hint applies), and copying a route is cheaper than
// building it again.
class RouteCache {
 public:
  Route get(const ServiceTraffic& st, const Decision& d, const std::string& zone, const std::string& node) {
    for (const Entry& e : built_) {
      if (e.reason == d.reason && e.picks == *d.picks && (!zone_specific(d.reason) || e.route.from_zone == zone)) {
        Route r = e.route;
        r.from_zone = zone;
        r.from_node = node;
        return r;
      }
    }
    built_.push_back({*d.picks, d.reason, make_route(st, d, zone, node)});
    return built_.back().route;
  }

 private:
  struct Entry {
    std::vector<uint32_t> picks;
    Reason reason;
    Route route;
  };
  std::vector<Entry> built_;
};

void count_client(Route& r, const model::Node& n) { (n.is_hybrid() ? r.hybrid_clients : r.cloud_clients)++; }

// Nodes whose own name can change their choice: hosts of endpoints under
// internalTrafficPolicy Local, and nodes named in node hints.
std::vector<uint32_t> nodes_set_apart(const TrafficContext& context, const RouteInputs& in) {
  std::vector<uint32_t> out;
  if (in.headless) return out;
  for (const k8s::ProxyEndpoint& ep : in.proxy) {
    if (in.policy.uses_local_endpoints() && !ep.node_name.empty()) {
      if (auto i = context.node_index(ep.node_name)) out.push_back(*i);
    }
    if (ep.ready && ep.hints) {
      for (const std::string& name : ep.hints->for_nodes) {
        if (auto i = context.node_index(name)) out.push_back(*i);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

void compute_routes(const TrafficContext& context, ServiceTraffic& st) {
  const auto& groups = context.client_groups();
  const auto& nodes = context.snapshot().nodes;
  if (groups.empty()) return;
  RouteInputs in = route_inputs(st);
  std::vector<uint32_t> apart = nodes_set_apart(context, in);
  // One route per zone at least; growing the vector by doubling would copy routes around.
  st.routes.reserve(groups.size() + apart.size());
  RouteCache cache;
  k8s::CategorizedEndpoints reference_lists, scratch;
  std::vector<Route> node_routes;
  for (size_t g = 0; g < groups.size();) {
    const std::string& zone = groups[g].zone;
    // The zone's reference: kube-proxy on a node of the zone that hosts no endpoint — of the
    // release the zone's nodes run (groups list kube-proxy's planes first within a zone).
    const DataPlane reference_plane = groups[g].plane == DataPlane::KubeProxyBeforeTrafficDistribution
                                          ? DataPlane::KubeProxyBeforeTrafficDistribution
                                          : DataPlane::KubeProxy;
    const Decision reference = decide(st, in, {"", zone}, reference_plane, context, reference_lists);
    Route zone_route = cache.get(st, reference, zone, "");
    node_routes.clear();
    for (; g < groups.size() && groups[g].zone == zone; ++g) {
      const ClientGroup& group = groups[g];
      const bool same_plane = group.plane == reference_plane;
      const Decision generic = same_plane ? reference : decide(st, in, {"", zone}, group.plane, context, scratch);
      const bool same = same_plane || *generic.picks == *reference.picks;
      std::optional<Route> generic_route;
      if (!same) generic_route = cache.get(st, generic, zone, "");
      uint32_t cloud = group.cloud, hybrid = group.hybrid;
      for (uint32_t n : apart) {
        if (context.group_of(n) != g) continue;
        const model::Node& node = nodes[n];
        (node.is_hybrid() ? hybrid : cloud)--;
        const Decision mine = decide(st, in, {node.meta.name, zone}, group.plane, context, scratch);
        if (*mine.picks == *reference.picks) {
          count_client(zone_route, node);
        } else {
          node_routes.push_back(cache.get(st, mine, zone, node.meta.name));
          count_client(node_routes.back(), node);
        }
      }
      if (same) {
        zone_route.cloud_clients += cloud;
        zone_route.hybrid_clients += hybrid;
        continue;
      }
      // A data plane that decides otherwise than kube-proxy: every node of it on its own.
      for (uint32_t n : group.nodes) {
        if (std::binary_search(apart.begin(), apart.end(), n)) continue;
        node_routes.push_back(*generic_route);
        node_routes.back().from_node = nodes[n].meta.name;
        count_client(node_routes.back(), nodes[n]);
      }
    }
    if (zone_route.cloud_clients + zone_route.hybrid_clients > 0) st.routes.push_back(std::move(zone_route));
    std::sort(node_routes.begin(), node_routes.end(),
              [](const Route& a, const Route& b) { return a.from_node < b.from_node; });
    for (Route& r : node_routes) st.routes.push_back(std::move(r));
  }
}

Route node_route(const TrafficContext& context, const ServiceTraffic& st, const model::Node& client, DataPlane plane) {
  RouteInputs in = route_inputs(st);
  std::string zone(client.zone());
  k8s::CategorizedEndpoints scratch;
  Decision d = decide(st, in, {client.meta.name, zone}, plane, context, scratch);
  Route r = make_route(st, d, zone, client.meta.name);
  count_client(r, client);
  return r;
}

void compute_cross_environment_share(const TrafficContext& context, ServiceTraffic& st) {
  double to_hybrid = 0, to_cloud = 0;
  for (const Route& r : st.routes) {
    if (r.endpoints.empty()) continue;  // dropped: reaches neither environment
    to_hybrid += r.cloud_clients * r.to_hybrid;
    to_cloud += r.hybrid_clients * (1.0 - r.to_hybrid);
  }
  st.cloud_to_hybrid = context.cloud_nodes() ? to_hybrid / context.cloud_nodes() : 0.0;
  st.hybrid_to_cloud = context.hybrid_nodes() ? to_cloud / context.hybrid_nodes() : 0.0;
}

}  // namespace hybridctl::analysis::traffic
