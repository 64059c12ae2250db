// What the rules read from the input, so that a run can say what it could
// not check. Each rule declares the inputs it reads (RuleInfo::reads); an
// input is one Kubernetes kind, or a family of kinds that stand for one fact
// (a cluster runs Cilium or Calico, so any of their pool objects tells its
// pod CIDRs), or the describe-cluster output. The README's dump command,
// docs/inputs.md and the live reader are held to this catalogue by tests.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/snapshot.h"

namespace hybridctl::rules {

enum class Input : uint8_t {
  Node,
  Pod,
  Workloads,  // Deployment, StatefulSet, ReplicaSet, Job, CronJob, ...
  DaemonSet,  // separately: the CNI, kube-proxy and Cilium agents are DaemonSets
  Service,
  EndpointSlice,
  Namespace,
  MutatingWebhookConfiguration,
  ValidatingWebhookConfiguration,
  APIService,
  CustomResourceDefinition,
  ConfigMap,
  Ingress,
  TargetGroupBinding,
  ClusterRoleBinding,
  OpenTelemetryCollector,
  CniPodPools,
  BgpAdvertisements,
  DescribeCluster,
};

struct InputInfo {
  Input input;
  std::string_view name;                    // as notes and docs print it
  std::vector<std::string_view> kinds;      // Kubernetes kinds that stand for it (any one present)
  std::vector<std::string_view> resources;  // what `kubectl get` names them (the README's dump command)
  // Evidence of pod-network routability only: `--pod-network` makes it moot.
  bool routability_evidence = false;
  std::string_view why;  // docs/inputs.md
};

// Every input, in the order above.
const std::vector<InputInfo>& input_catalogue();
const InputInfo& input_info(Input input);

// The Kubernetes kinds that the registered rules read (every kind of every
// input a rule declares): what a complete dump, or the live reader, must read.
std::set<std::string> kinds_read();
// The `kubectl get` resource names of those kinds, in catalogue order.
std::vector<std::string> resources_read();

// True when the input holds an object of one of the input's kinds (for
// DescribeCluster: the describe-cluster output or the flags that replace it).
bool input_present(const model::Snapshot& snapshot, Input input);

struct BlindSpot {
  Input input;
  std::vector<std::string> rules;  // ids of the rules that read it, in id order
};

// For the rules `ran` (ids): every input one of them reads that is absent
// from `snapshot`, with the rules that were blind to it. Nodes are left out
// when there are none (the "no nodes" note says so), routability evidence
// when --pod-network settles routability.
std::vector<BlindSpot> blind_spots(const model::Snapshot& snapshot, const std::vector<std::string>& ran);
// The one note that says so, or "" when nothing was missing.
std::string blind_spots_note(const std::vector<BlindSpot>& spots);

}  // namespace hybridctl::rules
