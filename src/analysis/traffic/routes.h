// Routes: which endpoints each client zone's nodes (or one node) send a
// Service's in-cluster traffic to, and the zones that traffic lands in.
#pragma once

#include "analysis/traffic/traffic_context.h"

namespace hybridctl::analysis::traffic {

// Fills st.routes: one route per client zone for the nodes whose data plane
// chooses as kube-proxy on an endpoint-less node of that zone would, and a
// route with from_node for every node that chooses otherwise (its own
// endpoints under internalTrafficPolicy Local, node hints, a data plane that
// reads hints differently). Headless Services get every ready endpoint (DNS).
void compute_routes(const TrafficContext& context, ServiceTraffic& st);

// The route of one client node, as its data plane computes it.
Route node_route(const TrafficContext& context, const ServiceTraffic& st, const model::Node& client, DataPlane plane);

// cloud_to_hybrid and hybrid_to_cloud from the routes' client counts: each client node weighs
// the same, dropped traffic counts in the denominator.
void compute_cross_environment_share(const TrafficContext& context, ServiceTraffic& st);

}  // namespace hybridctl::analysis::traffic
