// NodeName (plugins/nodename): a pod naming a node fits only that node.
#include "analysis/placement/plugins/plugins.h"

namespace hybridctl::analysis::placement {
bool node_name_filter(const model::PodSpec& spec, const model::Node& n) {
  return spec.node_name.empty() || spec.node_name == n.meta.name;
}

namespace {

class NodeName final : public Plugin {
 public:
  using Plugin::Plugin;
  std::string_view name() const override { return "NodeName"; }
  bool has_static_filter() const override { return true; }
  bool static_filter(const PodTemplateInfo& t, const model::Node& n) const override {
    return node_name_filter(t.spec, n);
  }
};

}  // namespace

std::unique_ptr<Plugin> make_node_name(SchedulingState& s) { return std::make_unique<NodeName>(s); }

}  // namespace hybridctl::analysis::placement
