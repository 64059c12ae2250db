// Cilium's Helm chart: the agent's affinity is the top-level `affinity`, the
// operator's and Envoy's their own (`operator.affinity`, `envoy.affinity`);
// cilium-config's enable-service-topology comes from
// loadBalancer.serviceTopology. Not an EKS add-on.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& cilium_chart() {
  static const ChartValues chart{"cilium",
                                 "",
                                 "",
                                 "",
                                 {{"cilium", "affinity", ""},
                                  {"cilium-envoy", "envoy.affinity", ""},
                                  {"cilium-operator", "operator.affinity", ""}}};
  return chart;
}

const std::vector<ConfigValues>& cilium_config_values() {
  static const std::vector<ConfigValues> keys{{"enable-service-topology", "loadBalancer.serviceTopology"}};
  return keys;
}

}  // namespace hybridctl::charts
