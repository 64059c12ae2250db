// The default profile's plugins (pkg/scheduler/apis/config/v1/default_plugins.go),
// one file each. ImageLocality is not modelled: nodes in a dump carry no
// image lists, so upstream scores it 0 on every node, which changes nothing.
#pragma once

#include <memory>
#include <vector>

#include "analysis/placement/framework.h"

namespace hybridctl::analysis::placement {

std::unique_ptr<Plugin> make_node_name(SchedulingState& state);
std::unique_ptr<Plugin> make_node_unschedulable(SchedulingState& state);
std::unique_ptr<Plugin> make_node_affinity(SchedulingState& state);
std::unique_ptr<Plugin> make_taint_toleration(SchedulingState& state);
std::unique_ptr<Plugin> make_node_resources_fit(SchedulingState& state);
std::unique_ptr<Plugin> make_node_resources_balanced_allocation(SchedulingState& state);
std::unique_ptr<Plugin> make_inter_pod_affinity(SchedulingState& state);
std::unique_ptr<Plugin> make_pod_topology_spread(SchedulingState& state);

// All of the above in upstream's filter order.
std::vector<std::unique_ptr<Plugin>> default_plugins(SchedulingState& state);

// The default profile's static filters, those that read only the pod's spec
// and the node object: one function per plugin, defined in the plugin's file.
// The plugins' static_filter calls them, and so does analysis::feasible_in, so
// "can this template run on that node" has one implementation.
bool node_unschedulable_filter(const model::PodSpec& spec, const model::Node& node);
bool node_name_filter(const model::PodSpec& spec, const model::Node& node);
bool taint_toleration_filter(const model::PodSpec& spec, const model::Node& node);
bool node_affinity_filter(const model::PodSpec& spec, const model::Node& node);

struct StaticFilter {
  std::string_view plugin;
  bool (*passes)(const model::PodSpec& spec, const model::Node& node);
};
// The functions above in upstream's filter order.
const std::vector<StaticFilter>& default_static_filters();

}  // namespace hybridctl::analysis::placement
