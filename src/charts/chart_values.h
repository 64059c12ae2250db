// Where a Helm chart, or the EKS add-on built from it, keeps each
// component's pod scheduling: the values (or configurationValues) keys a fix
// must set instead of patching objects the manager would revert. One file per
// chart defines its entry; this header is the only way rules and fix/ reach them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hybridctl::charts {

struct ComponentValues {
  std::string component;     // "controller", "webhook", ... ("" for a one-component chart)
  std::string affinity_key;  // dotted values key; "" when neither the chart nor the add-on can set it
  std::string why_not;       // when affinity_key is empty: what the source document says
};

struct ChartValues {
  std::string chart;                        // the Helm chart's name
  std::string eks_addon;                    // the EKS add-on's name; "" when it is not offered as one
  std::string replicas_key;                 // "" when the chart has none
  std::string topology_spread_key;          // "" when the chart has none
  std::vector<ComponentValues> components;  // the first one answers for an unnamed component

  const ComponentValues& component(std::string_view name) const;
  // The component named exactly `name`, or nullptr.
  const ComponentValues* find_component(std::string_view name) const;
};

// A key of a ConfigMap the chart renders from its values: data[config_key]
// is what values_key (dotted) sets.
struct ConfigValues {
  std::string config_key;
  std::string values_key;
};

// The chart / add-on whose chart name, EKS add-on name or `helm.sh/chart`
// label ("cert-manager-v1.14.4") is `name`; nullptr when none is known.
const ChartValues* find_chart(std::string_view name);

// Each chart's entry (one file each).
const ChartValues& aws_load_balancer_controller_chart();
const ChartValues& cert_manager_chart();
const ChartValues& cloudwatch_observability_chart();
const ChartValues& opentelemetry_operator_chart();
const ChartValues& coredns_chart();
const ChartValues& metrics_server_chart();
const ChartValues& vpc_cni_chart();
const ChartValues& cilium_chart();

// The values key of `chart` that sets data[config_key] of the ConfigMap it
// renders ("cilium", "enable-service-topology" -> "loadBalancer.serviceTopology"); "" when none.
std::string_view config_values_key(std::string_view chart, std::string_view config_key);
const std::vector<ConfigValues>& cilium_config_values();

// The Tigera operator's Installation field whose pod template override
// governs a Calico component ("calico-node" -> "calicoNodeDaemonSet"); "" when none.
std::string_view tigera_installation_field(std::string_view component);

}  // namespace hybridctl::charts
