#include "analysis/placement/plugins/plugins.h"

namespace hybridctl::analysis::placement {

std::vector<std::unique_ptr<Plugin>> default_plugins(SchedulingState& state) {
  std::vector<std::unique_ptr<Plugin>> out;
  out.push_back(make_node_unschedulable(state));
  out.push_back(make_node_name(state));
  out.push_back(make_taint_toleration(state));
  out.push_back(make_node_affinity(state));
  out.push_back(make_node_resources_fit(state));
  out.push_back(make_pod_topology_spread(state));
  out.push_back(make_inter_pod_affinity(state));
  out.push_back(make_node_resources_balanced_allocation(state));
  return out;
}

const std::vector<StaticFilter>& default_static_filters() {
  static const std::vector<StaticFilter> filters = {
      {"NodeUnschedulable", node_unschedulable_filter},
      {"NodeName", node_name_filter},
      {"TaintToleration", taint_toleration_filter},
      {"NodeAffinity", node_affinity_filter},
  };
  return filters;
}

}  // namespace hybridctl::analysis::placement
