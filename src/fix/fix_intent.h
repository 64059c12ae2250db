// What a finding asks to change, as data. Rules say what; fix/ says how,
// for whoever manages the object (a guarded JSON patch and kubectl, Helm
// values, the EKS add-on's configurationValues, a patch of the operator's
// custom resource). A small closed set: every renderer handles all of it, and
// no rule builds patch operations itself (tests/fix/rules_build_no_patches_test).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "analysis/otel_scrape.h"
#include "model/object_meta.h"
#include "model/workloads.h"

namespace hybridctl::fix {

// Add `key op [values]` to the required node affinity of a pod template, in
// every existing nodeSelectorTerm (terms are ORed: one term without it would
// let the pod through). For an object the Tigera operator renders from its
// Installation, the renderer patches the Installation's override instead
// (charts/tigera_operator).
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

// Which chart's (or EKS add-on's) values carry a workload's replicas and
// scheduling (charts/: "coredns"), for the intents below; "" when none.
struct ChartSource {
  std::string chart;
  std::string cluster_name;  // for `aws eks update-addon`; "" when unknown
};

// The intents below describe a state to reach, not a step: each renders to
// nothing when the object already is in that state, so a second run of the
// same fix finds nothing to do. Consecutive intents on one object render as
// one patch (and one set of values), each computed on what the previous ones
// leave.

// spec.replicas = wanted (`current` as dumped; nullopt when unset, i.e. 1).
struct SetReplicas {
  model::ObjectRef target;
  std::optional<int32_t> current;
  int32_t wanted = 1;
  ChartSource values;
};

// These preferred pod anti-affinity terms, added where missing.
struct AddPreferredPodAntiAffinity {
  model::ObjectRef target;
  std::string template_path;
  model::PodSpec spec;  // the template as it is
  std::vector<model::WeightedPodAffinityTerm> terms;
  ChartSource values;
};

// This topology spread constraint, added unless an equal one is there.
struct AddTopologySpread {
  model::ObjectRef target;
  std::string template_path;
  model::PodSpec spec;  // the template as it is
  model::TopologySpreadConstraint constraint;
  ChartSource values;
};

// A Service's spec.trafficDistribution = value (`current` as dumped, "" when unset).
struct SetTrafficDistribution {
  model::ObjectRef target;
  std::string current;
  std::string value;
};

// Remove metadata.annotations[key], which held `current`.
struct RemoveAnnotation {
  model::ObjectRef target;
  std::string key;
  std::string current;
};

// A ConfigMap's data[key] = value (`current` nullopt when absent). `chart`
// names the Helm chart that renders the ConfigMap from its values
// (charts/: "cilium"), "" when none.
struct SetConfigKey {
  model::ObjectRef target;
  std::string key;
  std::optional<std::string> current;
  std::string value;
  std::string chart;
};

// Every kubernetes_sd scrape config of an OpenTelemetryCollector keeps only
// hybrid targets (the source document's relabel rule, and attach_metadata.node
// where pod and endpoints discovery need it), as the analysis found them.
struct AddScrapeKeepRule {
  model::ObjectRef target;
  analysis::CollectorScrapes scrapes;
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

// A command to run besides (or instead of) a patch, e.g. restarting the
// Cilium agents after a cilium-config change.
struct RunCommand {
  std::string command;
};

using FixIntent = std::variant<RequireNodeAffinity, SetReplicas, AddPreferredPodAntiAffinity, AddTopologySpread,
                               SetTrafficDistribution, RemoveAnnotation, SetConfigKey, AddScrapeKeepRule, LabelNode,
                               ChangeNetwork, RunCommand>;

}  // namespace hybridctl::fix
