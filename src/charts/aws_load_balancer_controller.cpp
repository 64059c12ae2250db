// eks-charts aws-load-balancer-controller: the controller's affinity is the
// top-level `affinity` (the source document's values). Not an EKS add-on.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& aws_load_balancer_controller_chart() {
  static const ChartValues chart{"aws-load-balancer-controller",
                                 "",
                                 "replicaCount",
                                 "topologySpreadConstraints",
                                 {{"controller", "affinity", ""}}};
  return chart;
}

}  // namespace hybridctl::charts
