// NodeUnschedulable (plugins/nodeunschedulable): a cordoned node
// (spec.unschedulable) takes only pods tolerating
// node.kubernetes.io/unschedulable:NoSchedule.
#include "analysis/placement/plugins/plugins.h"
#include "k8s/taints.h"

namespace hybridctl::analysis::placement {
bool node_unschedulable_filter(const model::PodSpec& spec, const model::Node& n) {
  if (!n.unschedulable) return true;
  static const model::Taint cordon{"node.kubernetes.io/unschedulable", "", "NoSchedule"};
  for (const model::Toleration& tol : spec.tolerations) {
    if (k8s::toleration_tolerates_taint(tol, cordon)) return true;
  }
  return false;
}

namespace {

class NodeUnschedulable final : public Plugin {
 public:
  using Plugin::Plugin;
  std::string_view name() const override { return "NodeUnschedulable"; }
  bool has_static_filter() const override { return true; }
  bool static_filter(const PodTemplateInfo& t, const model::Node& n) const override {
    return node_unschedulable_filter(t.spec, n);
  }
};

}  // namespace

std::unique_ptr<Plugin> make_node_unschedulable(SchedulingState& s) { return std::make_unique<NodeUnschedulable>(s); }

}  // namespace hybridctl::analysis::placement
