// The Tigera operator renders Calico's components from its Installation
// (operator.tigera.io/v1): spec.<field>.spec.template.spec overrides each
// component's pod template, the affinity included.
#include "charts/chart_values.h"

namespace hybridctl::charts {

std::string_view tigera_installation_field(std::string_view component) {
  static constexpr std::pair<std::string_view, std::string_view> kFields[] = {
      {"calico-node", "calicoNodeDaemonSet"},
      {"calico-typha", "typhaDeployment"},
      {"calico-kube-controllers", "calicoKubeControllersDeployment"},
  };
  for (const auto& [name, field] : kFields) {
    if (name == component) return field;
  }
  return {};
}

}  // namespace hybridctl::charts
