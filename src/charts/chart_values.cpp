#include "charts/chart_values.h"

#include <cctype>

namespace hybridctl::charts {
namespace {

const ChartValues* const* all_charts() {
  static const ChartValues* const charts[] = {&aws_load_balancer_controller_chart(),
                                              &cert_manager_chart(),
                                              &cloudwatch_observability_chart(),
                                              &opentelemetry_operator_chart(),
                                              &coredns_chart(),
                                              &metrics_server_chart(),
                                              &vpc_cni_chart(),
                                              &cilium_chart(),
                                              nullptr};
  return charts;
}

// "cert-manager-v1.14.4" -> "cert-manager"; "aws-load-balancer-controller-1.8.2" -> its name.
std::string_view without_version(std::string_view label) {
  size_t dash = label.rfind('-');
  if (dash == std::string_view::npos || dash + 1 >= label.size()) return label;
  char c = label[dash + 1];
  bool version = std::isdigit(static_cast<unsigned char>(c)) ||
                 (c == 'v' && dash + 2 < label.size() && std::isdigit(static_cast<unsigned char>(label[dash + 2])));
  return version ? label.substr(0, dash) : label;
}

}  // namespace

const ComponentValues& ChartValues::component(std::string_view name) const {
  for (const ComponentValues& c : components) {
    if (c.component == name) return c;
  }
  return components.front();
}

const ComponentValues* ChartValues::find_component(std::string_view name) const {
  for (const ComponentValues& c : components) {
    if (c.component == name) return &c;
  }
  return nullptr;
}

std::string_view config_values_key(std::string_view chart, std::string_view config_key) {
  if (chart != cilium_chart().chart) return {};
  for (const ConfigValues& c : cilium_config_values()) {
    if (c.config_key == config_key) return c.values_key;
  }
  return {};
}

const ChartValues* find_chart(std::string_view name) {
  if (name.empty()) return nullptr;
  std::string_view bare = without_version(name);
  for (const ChartValues* const* c = all_charts(); *c; ++c) {
    if ((*c)->chart == name || (*c)->chart == bare || (!(*c)->eks_addon.empty() && (*c)->eks_addon == name)) return *c;
  }
  return nullptr;
}

}  // namespace hybridctl::charts
