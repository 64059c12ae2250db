// The Amazon VPC CNI (EKS add-on `vpc-cni`, Helm chart aws-vpc-cni): the
// aws-node DaemonSet's affinity is the top-level `affinity`.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& vpc_cni_chart() {
  static const ChartValues chart{"aws-vpc-cni", "vpc-cni", "", "", {{"aws-node", "affinity", ""}}};
  return chart;
}

}  // namespace hybridctl::charts
