// amazon-cloudwatch-observability (Helm chart and EKS add-on): the source
// document says the operator's affinity cannot be set through either
// (containers-roadmap #2431), so a patch of the Deployment is the only fix.
#include "charts/chart_values.h"

namespace hybridctl::charts {

const ChartValues& cloudwatch_observability_chart() {
  static const ChartValues chart{
      "amazon-cloudwatch-observability",
      "amazon-cloudwatch-observability",
      "",
      "",
      {{"operator", "",
        "The CloudWatch Observability Helm chart and EKS add-on cannot set the operator's affinity "
        "(containers-roadmap #2431): patch the Deployment, and re-apply the patch after every add-on or chart "
        "update, which reverts it."}}};
  return chart;
}

}  // namespace hybridctl::charts
