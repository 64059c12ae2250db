// The ADOT EKS add-on (`adot`) and the opentelemetry-operator Helm chart:
// the operator's affinity is the top-level `affinity` (the source document's values).
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& opentelemetry_operator_chart() {
  static const ChartValues chart{"opentelemetry-operator", "adot", "replicaCount", "", {{"operator", "affinity", ""}}};
  return chart;
}

}  // namespace hybridctl::charts
