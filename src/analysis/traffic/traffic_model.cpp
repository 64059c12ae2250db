#include "analysis/traffic/traffic_model.h"

#include "analysis/traffic/routes.h"
#include "analysis/traffic/service_endpoints.h"
#include "analysis/traffic/traffic_context.h"
#include "core/parallel.h"

namespace hybridctl::analysis::traffic {

ServiceTraffic model_service(const TrafficContext& context, const model::Service& svc,
                             std::optional<std::string> override_td) {
  ServiceTraffic st;
  st.service = &svc;
  st.traffic_distribution = override_td ? *override_td : svc.traffic_distribution;
  ServiceEndpoints gathered = gather_endpoints(context, svc);
  st.endpoints = std::move(gathered.endpoints);
  st.endpoints_from_slices = gathered.from_slices;
  st.routes_use_expected_hints = !st.endpoints_from_slices || override_td.has_value();
  ExpectedHints expected = assign_expected_hints(context, svc, st.traffic_distribution, st.endpoints);
  st.mechanism = expected.mechanism;
  st.hints_removed_reason = std::move(expected.removed_reason);
  st.expected_hints_ambiguous = expected.ambiguous;
  compute_routes(context, st);
  compute_cross_environment_share(context, st);
  return st;
}

ServiceTraffic model_service(const TrafficInputs& in, const model::Service& svc,
                             std::optional<std::string> override_td) {
  TrafficContext context(in);
  return model_service(context, svc, std::move(override_td));
}

std::vector<ServiceTraffic> model_traffic(const TrafficContext& context) {
  std::vector<const model::Service*> modelled;
  modelled.reserve(context.snapshot().services.size());
  for (const model::Service& svc : context.snapshot().services) {
    if (svc.type != "ExternalName") modelled.push_back(&svc);  // a DNS alias: no endpoints, nothing proxied
  }
  // Services are modelled independently over the same read-only context.
  std::vector<ServiceTraffic> out(modelled.size());
  parallel_for(modelled.size(), worker_threads(), [&](size_t i) { out[i] = model_service(context, *modelled[i]); });
  return out;
}

std::vector<ServiceTraffic> model_traffic(const TrafficInputs& in) {
  TrafficContext context(in);
  return model_traffic(context);
}

Route route_from_node(const TrafficContext& context, const ServiceTraffic& st, const model::Node& client) {
  return node_route(context, st, client, context.data_plane_of(client));
}

Route route_from_node(const TrafficInputs& in, const ServiceTraffic& st, const model::Node& client) {
  TrafficContext context(in);
  return route_from_node(context, st, client);
}

void narrow_to_client(const TrafficContext& context, ServiceTraffic& st, const model::Node& client) {
  st.routes.assign(1, route_from_node(context, st, client));
  const Route& route = st.routes.front();
  const bool dropped = route.endpoints.empty();
  st.cloud_to_hybrid = client.is_hybrid() || dropped ? 0.0 : route.to_hybrid;
  st.hybrid_to_cloud = !client.is_hybrid() || dropped ? 0.0 : 1.0 - route.to_hybrid;
}

ZoneMatrix zone_matrix(const ServiceTraffic& st) {
  ZoneMatrix m;
  std::map<std::string, double> clients;
  for (const Route& r : st.routes) {
    const double n = r.cloud_clients + r.hybrid_clients;
    if (n == 0) continue;
    clients[r.from_zone] += n;
    auto& row = m[r.from_zone];
    for (const auto& [zone, share] : r.to_zones) row[zone] += n * share;
  }
  for (auto& [zone, row] : m) {
    for (auto& [to, v] : row) v /= clients[zone];
  }
  return m;
}

}  // namespace hybridctl::analysis::traffic
