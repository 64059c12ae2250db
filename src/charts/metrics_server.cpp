// metrics-server (Helm chart and EKS add-on `metrics-server`): top-level affinity.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& metrics_server_chart() {
  static const ChartValues chart{"metrics-server",
                                 "metrics-server",
                                 "replicas",
                                 "topologySpreadConstraints",
                                 {{"metrics-server", "affinity", ""}}};
  return chart;
}

}  // namespace hybridctl::charts
