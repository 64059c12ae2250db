#include "rules/input_kinds.h"

#include <algorithm>
#include <unordered_set>

#include "rules/registry.h"

namespace hybridctl::rules {

const std::vector<InputInfo>& input_catalogue() {
  static const std::vector<InputInfo> catalogue = {
      {Input::Node,
       "Node",
       {"Node"},
       {"nodes"},
       false,
       "Which nodes are hybrid (`eks.amazonaws.com/compute-type`), their zones, taints, allocatable, InternalIP and "
       "podCIDRs: the environment of every pod, the placement simulation, HN006 and HN017."},
      {Input::Pod,
       "Pod",
       {"Pod"},
       {"pods"},
       false,
       "Where replicas run (nodeName, podIP, readiness): webhook backends on hybrid nodes (HN001), endpoints for the "
       "traffic model, CoreDNS coverage (HN005), evidence of the hybrid pod CIDRs."},
      {Input::Workloads,
       "workloads",
       {"Deployment", "StatefulSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"},
       {"deployments", "statefulsets", "replicasets", "jobs", "cronjobs", "replicationcontrollers"},
       false,
       "The pod templates: what the placement simulation places, the object a finding names and its fix patches "
       "(a Deployment, not its ReplicaSet or Pod), the add-ons of HN012 and CoreDNS's configuration (HN005)."},
      {Input::DaemonSet,
       "DaemonSet",
       {"DaemonSet"},
       {"daemonsets"},
       false,
       "The VPC CNI (aws-node), Cilium and Calico agents (HN003), the Cilium agent whose topology setting HN008 "
       "checks, and kube-proxy, whose image tells which version honours trafficDistribution (HN007)."},
      {Input::Service,
       "Service",
       {"Service"},
       {"services"},
       false,
       "The backends of webhooks and APIServices, trafficDistribution and topology-mode (HN007, HN008, HN014), load "
       "balancer annotations (HN010): every Service the traffic model routes."},
      {Input::EndpointSlice,
       "EndpointSlice",
       {"EndpointSlice", "Endpoints"},
       {"endpointslices", "endpoints"},
       false,
       "Ready endpoints and their hints as the EndpointSlice controller set them (HN009), and endpoints whose pods "
       "are not in the input: where a webhook's or a Service's backends run when the dump has no Pods (core/v1 "
       "Endpoints stand in where a cluster or a dump has no EndpointSlices)."},
      {Input::Namespace,
       "Namespace",
       {"Namespace"},
       {"namespaces"},
       false,
       "Namespace labels, which the namespaceSelector of inter-pod affinity terms matches in the placement "
       "simulation."},
      {Input::MutatingWebhookConfiguration,
       "MutatingWebhookConfiguration",
       {"MutatingWebhookConfiguration"},
       {"mutatingwebhookconfigurations"},
       false,
       "Admission webhooks the control plane calls, with their failurePolicy (HN001, HN002, HN012)."},
      {Input::ValidatingWebhookConfiguration,
       "ValidatingWebhookConfiguration",
       {"ValidatingWebhookConfiguration"},
       {"validatingwebhookconfigurations"},
       false,
       "Admission webhooks the control plane calls, with their failurePolicy (HN001, HN002, HN012)."},
      {Input::APIService,
       "APIService",
       {"APIService"},
       {"apiservices"},
       false,
       "Aggregated APIs (metrics-server, ...) whose backends the control plane must reach (HN001, HN002)."},
      {Input::CustomResourceDefinition,
       "CustomResourceDefinition",
       {"CustomResourceDefinition"},
       {"customresourcedefinitions"},
       false,
       "Conversion webhooks of custom resources, called by the control plane (HN001, HN002)."},
      {Input::ConfigMap,
       "ConfigMap",
       {"ConfigMap"},
       {"configmaps"},
       false,
       "kube-system/cilium-config: enable-service-topology (HN008), the Cilium cluster pool (routability, HN016) "
       "and whether Cilium replaces kube-proxy (the traffic model)."},
      {Input::Ingress,
       "Ingress",
       {"Ingress"},
       {"ingresses"},
       false,
       "ALB Ingresses and their target type, whose targets may be unroutable hybrid pods (HN010)."},
      {Input::TargetGroupBinding,
       "TargetGroupBinding",
       {"TargetGroupBinding"},
       {"targetgroupbindings.elbv2.k8s.aws"},
       false,
       "Target groups the AWS Load Balancer Controller fills with a Service's pods (HN010)."},
      {Input::ClusterRoleBinding,
       "ClusterRoleBinding",
       {"ClusterRoleBinding"},
       {"clusterrolebindings"},
       false,
       "The binding to user aps-collector-user that reveals an Amazon Managed Prometheus managed collector "
       "(HN011)."},
      {Input::OpenTelemetryCollector,
       "OpenTelemetryCollector",
       {"OpenTelemetryCollector"},
       {"opentelemetrycollectors.opentelemetry.io"},
       false,
       "ADOT / OpenTelemetry collectors: their placement and scrape configs (HN011, HN013)."},
      {Input::CniPodPools,
       "CNI pod pools",
       {"IPPool", "Installation", "CiliumPodIPPool", "CiliumNode"},
       {"ippools.crd.projectcalico.org", "installations.operator.tigera.io", "ciliumpodippools.cilium.io",
        "ciliumnodes.cilium.io"},
       true,
       "The hybrid pod CIDRs the CNI allocates from (Calico IPPools, the Tigera Installation, Cilium pools and "
       "CiliumNodes): routability evidence and HN016; CiliumNodes also tell that Cilium runs on hybrid nodes "
       "(HN008)."},
      {Input::BgpAdvertisements,
       "CNI BGP objects",
       {"CiliumBGPPeeringPolicy", "CiliumBGPClusterConfig", "CiliumBGPPeerConfig", "CiliumBGPAdvertisement", "BGPPeer"},
       {"ciliumbgppeeringpolicies.cilium.io", "ciliumbgpclusterconfigs.cilium.io", "ciliumbgppeerconfigs.cilium.io",
        "ciliumbgpadvertisements.cilium.io", "bgppeers.crd.projectcalico.org"},
       true,
       "Whether the CNI advertises the hybrid pod CIDRs to the on-premises network, and from which nodes: "
       "routability evidence and HN016."},
      {Input::DescribeCluster,
       "describe-cluster output",
       {},
       {},
       true,
       "`aws eks describe-cluster`: the Kubernetes version (HN007) and remoteNetworkConfig, whose remotePodNetworks "
       "and remoteNodeNetworks decide routability (HN015, HN016, HN017). `--remote-pod-network` and "
       "`--remote-node-network` stand in for it."},
  };
  return catalogue;
}

const InputInfo& input_info(Input input) { return input_catalogue()[static_cast<size_t>(input)]; }

std::set<std::string> kinds_read() {
  std::set<std::string> out;
  for (const Rule* r : all_rules()) {
    for (Input in : r->info().reads) {
      for (std::string_view k : input_info(in).kinds) out.emplace(k);
    }
  }
  return out;
}

std::vector<std::string> resources_read() {
  std::set<Input> read;
  for (const Rule* r : all_rules()) read.insert(r->info().reads.begin(), r->info().reads.end());
  std::vector<std::string> out;
  for (const InputInfo& i : input_catalogue()) {
    if (!read.count(i.input)) continue;
    for (std::string_view res : i.resources) out.emplace_back(res);
  }
  return out;
}

namespace {

// The kinds of the objects in the snapshot. Vectors that hold one kind are
// judged by their size: a 150,000-pod dump is not walked for this.
std::unordered_set<std::string> kinds_in(const model::Snapshot& s) {
  std::unordered_set<std::string> out;
  auto one_kind = [&out](const auto& objects) {
    if (!objects.empty()) out.insert(objects.front().kind);
  };
  auto every_kind = [&out](const auto& objects) {
    for (const auto& o : objects) out.insert(o.kind);
  };
  one_kind(s.nodes);
  one_kind(s.pods);
  every_kind(s.workloads);
  one_kind(s.services);
  one_kind(s.endpoint_slices);
  every_kind(s.webhook_configurations);
  one_kind(s.api_services);
  one_kind(s.crds);
  one_kind(s.namespaces);
  one_kind(s.config_maps);
  one_kind(s.ingresses);
  one_kind(s.target_group_bindings);
  one_kind(s.cluster_role_bindings);
  one_kind(s.otel_collectors);
  every_kind(s.pod_pools);
  every_kind(s.bgp_advertisers);
  one_kind(s.cilium_nodes);
  every_kind(s.unknown);  // an Installation without ipPools is kept only there
  return out;
}

bool present_in(const model::Snapshot& s, const std::unordered_set<std::string>& kinds, Input input) {
  if (input == Input::DescribeCluster) {
    return s.cluster_info || !s.facts.remote_pod_networks.empty() || !s.facts.remote_node_networks.empty();
  }
  for (std::string_view k : input_info(input).kinds) {
    if (kinds.count(std::string(k))) return true;
  }
  return false;
}

}  // namespace

bool input_present(const model::Snapshot& snapshot, Input input) {
  return present_in(snapshot, kinds_in(snapshot), input);
}

std::vector<BlindSpot> blind_spots(const model::Snapshot& snapshot, const std::vector<std::string>& ran) {
  const std::unordered_set<std::string> kinds = kinds_in(snapshot);
  std::vector<BlindSpot> out;
  for (const InputInfo& info : input_catalogue()) {
    if (info.input == Input::Node && !snapshot.has_nodes()) continue;
    if (info.routability_evidence && info.input != Input::DescribeCluster && snapshot.facts.pod_network) continue;
    if (present_in(snapshot, kinds, info.input)) continue;
    BlindSpot spot{info.input, {}};
    for (const std::string& id : ran) {
      const Rule* r = find_rule(id);
      if (!r) continue;
      const auto& reads = r->info().reads;
      if (std::find(reads.begin(), reads.end(), info.input) != reads.end()) spot.rules.push_back(id);
    }
    if (!spot.rules.empty()) out.push_back(std::move(spot));
  }
  return out;
}

std::string blind_spots_note(const std::vector<BlindSpot>& spots) {
  if (spots.empty()) return {};
  std::string out = "Not in the input, so not checked:";
  for (size_t i = 0; i < spots.size(); ++i) {
    out += (i ? "; " : " ") + std::string(input_info(spots[i].input).name) + " (";
    for (size_t j = 0; j < spots[i].rules.size(); ++j) out += (j ? ", " : "") + spots[i].rules[j];
    out += ")";
  }
  return out +
         ". Add them to the input if the cluster has any (the README's dump command reads every kind the rules "
         "read).";
}

}  // namespace hybridctl::rules
