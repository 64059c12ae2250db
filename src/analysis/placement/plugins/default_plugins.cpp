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

}  // namespace hybridctl::analysis::placement
