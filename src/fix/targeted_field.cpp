#include "fix/targeted_field.h"

#include "fix/json_pointer.h"

namespace hybridctl::fix {

std::optional<TargetedField> targeted_field(const FixIntent& intent) {
  struct Visitor {
    std::optional<TargetedField> operator()(const RequireNodeAffinity& i) const {
      return TargetedField{i.target, i.template_path + "/affinity"};
    }
    std::optional<TargetedField> operator()(const SetReplicas& i) const {
      return TargetedField{i.target, "/spec/replicas"};
    }
    std::optional<TargetedField> operator()(const AddPreferredPodAntiAffinity& i) const {
      return TargetedField{i.target, i.template_path + "/affinity"};
    }
    std::optional<TargetedField> operator()(const AddTopologySpread& i) const {
      return TargetedField{i.target, i.template_path + "/topologySpreadConstraints"};
    }
    std::optional<TargetedField> operator()(const SetTrafficDistribution& i) const {
      return TargetedField{i.target, "/spec/trafficDistribution"};
    }
    std::optional<TargetedField> operator()(const RemoveAnnotation& i) const {
      return TargetedField{i.target, "/metadata/annotations/" + json_pointer_token(i.key)};
    }
    std::optional<TargetedField> operator()(const SetConfigKey& i) const {
      return TargetedField{i.target, "/data/" + json_pointer_token(i.key)};
    }
    std::optional<TargetedField> operator()(const AddScrapeKeepRule& i) const {
      return TargetedField{i.target, "/spec/config"};
    }
    std::optional<TargetedField> operator()(const LabelNode& i) const {
      return TargetedField{{"v1", "Node", "", i.node}, "/metadata/labels/" + json_pointer_token(i.key)};
    }
    std::optional<TargetedField> operator()(const ChangeNetwork&) const { return std::nullopt; }
    std::optional<TargetedField> operator()(const RunCommand&) const { return std::nullopt; }
  };
  return std::visit(Visitor{}, intent);
}

}  // namespace hybridctl::fix
