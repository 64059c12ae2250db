// jetstack cert-manager (also the EKS community add-on `cert-manager`): one
// affinity per component, as the source document lists them.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& cert_manager_chart() {
  static const ChartValues chart{"cert-manager",
                                 "cert-manager",
                                 "replicaCount",
                                 "topologySpreadConstraints",
                                 {{"controller", "affinity", ""},
                                  {"webhook", "webhook.affinity", ""},
                                  {"cainjector", "cainjector.affinity", ""},
                                  {"startupapicheck", "startupapicheck.affinity", ""}}};
  return chart;
}

}  // namespace hybridctl::charts
