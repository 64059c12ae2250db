// Scheduling vocabulary shared by pods, templates and nodes: the fields of
// core/v1 that kube-scheduler and the EndpointSlice controller read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/string_map.h"

namespace hybridctl::model {

// A label selector requirement (metav1.LabelSelectorRequirement and
// core/v1 NodeSelectorRequirement share this shape). The operator is kept as
// written so that invalid operators can be reported and never match.
struct Requirement {
  std::string key;
  std::string op;  // In, NotIn, Exists, DoesNotExist, Gt, Lt (Gt/Lt: node selectors only)
  std::vector<std::string> values;
  bool operator==(const Requirement&) const = default;
};

// metav1.LabelSelector. `present == false` is a nil selector (matches nothing
// where upstream says so); present with no terms is `{}` (matches everything).
struct LabelSelector {
  bool present = false;
  StringMap match_labels;
  std::vector<Requirement> match_expressions;
  bool operator==(const LabelSelector&) const = default;
};

// core/v1 NodeSelectorTerm.
struct NodeSelectorTerm {
  std::vector<Requirement> match_expressions;
  std::vector<Requirement> match_fields;
  bool operator==(const NodeSelectorTerm&) const = default;
};

// core/v1 NodeSelector: `present == false` means the field was nil.
struct NodeSelector {
  bool present = false;
  std::vector<NodeSelectorTerm> terms;
  bool operator==(const NodeSelector&) const = default;
};

struct PreferredSchedulingTerm {
  int32_t weight = 0;
  NodeSelectorTerm preference;
  bool operator==(const PreferredSchedulingTerm&) const = default;
};

struct NodeAffinity {
  NodeSelector required;  // requiredDuringSchedulingIgnoredDuringExecution
  std::vector<PreferredSchedulingTerm> preferred;
  bool operator==(const NodeAffinity&) const = default;
};

struct PodAffinityTerm {
  LabelSelector label_selector;
  std::vector<std::string> namespaces;
  LabelSelector namespace_selector;  // present==false: nil
  std::string topology_key;
  std::vector<std::string> match_label_keys;
  std::vector<std::string> mismatch_label_keys;
  bool operator==(const PodAffinityTerm&) const = default;
};

struct WeightedPodAffinityTerm {
  int32_t weight = 0;
  PodAffinityTerm term;
  bool operator==(const WeightedPodAffinityTerm&) const = default;
};

struct PodAffinity {
  std::vector<PodAffinityTerm> required;
  std::vector<WeightedPodAffinityTerm> preferred;
  bool operator==(const PodAffinity&) const = default;
};

struct Affinity {
  std::optional<NodeAffinity> node_affinity;
  std::optional<PodAffinity> pod_affinity;
  std::optional<PodAffinity> pod_anti_affinity;
  bool operator==(const Affinity&) const = default;
};

struct Toleration {
  std::string key;
  std::string op;  // "" (= Equal), Equal, Exists, Lt, Gt
  std::string value;
  std::string effect;  // "" = all effects
  std::optional<int64_t> toleration_seconds;
  bool operator==(const Toleration&) const = default;
};

struct Taint {
  std::string key;
  std::string value;
  std::string effect;  // NoSchedule, PreferNoSchedule, NoExecute
  bool operator==(const Taint&) const = default;
};

struct TopologySpreadConstraint {
  int32_t max_skew = 1;
  std::string topology_key;
  std::string when_unsatisfiable;  // DoNotSchedule, ScheduleAnyway
  LabelSelector label_selector;
  std::optional<int32_t> min_domains;
  std::string node_affinity_policy;  // Honor (default), Ignore
  std::string node_taints_policy;    // Ignore (default), Honor
  std::vector<std::string> match_label_keys;
  bool operator==(const TopologySpreadConstraint&) const = default;
};

}  // namespace hybridctl::model
