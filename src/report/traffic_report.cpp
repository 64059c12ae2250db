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
    for (traffic::ServiceTraffic& st : report.services) traffic::narrow_to_client(context, st, *client);
  }
  report.weighted = weights.has_value();
  report.total = traffic::cluster_share(report.services, weights ? &*weights : nullptr);
  return report;
}

}  // namespace hybridctl::report
