// What a finding asks to change, as data. Rules say what; fix/ says how,
// for whoever manages the object (JSON patch, kubectl, Helm values, EKS
// add-on configuration). A small closed set: every renderer handles all.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "model/object_meta.h"
#include "model/workloads.h"

namespace hybridctl::fix {

// Add `key op [values]` to the required node affinity of a pod template, in
// every existing nodeSelectorTerm (terms are ORed: one term without it would
// let the pod through).
struct RequireNodeAffinity {
  model::ObjectRef target;
  std::string template_path;  // JSON pointer of the PodSpec, e.g. /spec/template/spec
  model::PodSpec spec;        // the template as it is, to compute guards and merged values
  std::string key;
  std::string op;
  std::vector<std::string> values;
  // Values keys (Helm values, and the EKS add-on's configurationValues) that
  // hold this component's affinity (e.g. "affinity", "webhook.affinity", from
  // charts/); empty when no chart or add-on configuration can set it.
  std::vector<std::string> helm_value_paths;
  // False when the object cannot be patched in place (a Job's pod template is
  // immutable): only the values, or delete and re-create, can change it.
  bool patchable = true;
  // For `aws eks update-addon --cluster-name`; "" when the input does not say.
  std::string cluster_name;
};

// Label a node now (kubectl, or the equivalent guarded JSON patch of the
// Node) and durably (nodeadm NodeConfig, in the note).
struct LabelNode {
  std::string node;
  std::string key;
  std::string value;
  std::optional<std::string> current;  // the label's value in the dump; nullopt when absent
};

// No object change fixes it: the network must change (advice rendered as a note/command).
struct ChangeNetwork {
  std::string advice;
  std::string command;  // e.g. aws eks update-cluster-config ...
};

// A JSON patch the rule computed itself (its ops carry their `test` guards),
// for changes that are not a node-affinity requirement: a Service field, a
// ConfigMap key, a collector's configuration, an operator's custom resource.
// Helm values / EKS add-on configuration, when the object has such a
// manager, are given as JSON objects ("" when none).
struct ApplyJsonPatch {
  model::ObjectRef target;
  std::string patch;  // a JSON array of RFC 6902 operations
  std::string helm_values;
  std::string eks_addon_configuration;
  std::string cluster_name;  // for `aws eks update-addon`; "" when unknown
};

// A command to run besides (or instead of) a patch, e.g. restarting the
// Cilium agents after a cilium-config change.
struct RunCommand {
  std::string command;
};

using FixIntent = std::variant<RequireNodeAffinity, LabelNode, ChangeNetwork, ApplyJsonPatch, RunCommand>;

}  // namespace hybridctl::fix
