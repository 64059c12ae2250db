// The CoreDNS EKS add-on's configurationValues (and the coredns Helm chart):
// replicaCount, affinity and topologySpreadConstraints of the Deployment.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& coredns_chart() {
  static const ChartValues chart{
      "coredns", "coredns", "replicaCount", "topologySpreadConstraints", {{"coredns", "affinity", ""}}};
  return chart;
}

}  // namespace hybridctl::charts
