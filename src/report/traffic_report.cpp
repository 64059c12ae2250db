#include "report/traffic_report.h"

namespace hybridctl::report {

namespace traffic = analysis::traffic;

TrafficReport build_traffic_report(const traffic::TrafficContext& context, const model::Service* only,
                                   const model::Node* client, const std::optional<traffic::ServiceWeights>& weights) {
  TrafficReport report;
  if (only) {
    report.services.push_back(traffic::model_service(context, *only));
  } else {
    report.services = traffic::model_traffic(context);
  }
  if (client) {
    // One route per Service: exactly what this node's data plane uses.
    for (traffic::ServiceTraffic& st : report.services) {
      st.routes.assign(1, traffic::route_from_node(context, st, *client));
      const traffic::Route& only_route = st.routes.front();
      const bool dropped = only_route.endpoints.empty();
      st.cloud_to_hybrid = client->is_hybrid() || dropped ? 0.0 : only_route.to_hybrid;
      st.hybrid_to_cloud = !client->is_hybrid() || dropped ? 0.0 : 1.0 - only_route.to_hybrid;
    }
  }
  report.weighted = weights.has_value();
  report.total = traffic::cluster_share(report.services, weights ? &*weights : nullptr);
  return report;
}

}  // namespace hybridctl::report
