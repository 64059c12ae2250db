// HN015: hybrid nodes exist and nothing says whether the VPC and the
// control plane can reach hybrid pod IPs. One info finding on the cluster
// (the rules that depend on routability report one severity lower); silent
// when a flag, describe-cluster's remoteNetworkConfig or the CNI's BGP
// objects decide it, or when there is no hybrid node.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace {

// `kubectl get node -o yaml` of one cloud and one hybrid node.
const char* kNodes = R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels:
    kubernetes.io/hostname: ip-10-0-1-10.us-west-2.compute.internal
    kubernetes.io/os: linux
    topology.kubernetes.io/region: us-west-2
    topology.kubernetes.io/zone: us-west-2a
    eks.amazonaws.com/nodegroup: default
spec:
  providerID: aws:///us-west-2a/i-0a1b2c3d4e5f60001
status:
  addresses:
  - {type: InternalIP, address: 10.0.1.10}
  allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60001
  labels:
    kubernetes.io/hostname: mi-0a1b2c3d4e5f60001
    kubernetes.io/os: linux
    eks.amazonaws.com/compute-type: hybrid
    topology.kubernetes.io/zone: onprem
spec:
  podCIDRs: [10.85.1.0/24]
status:
  addresses:
  - {type: InternalIP, address: 10.80.0.11}
  allocatable: {cpu: "4", memory: 15Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
)";

// `aws eks describe-cluster --name mixed` with remote networks: `pod_networks`
// empty leaves remotePodNetworks out, as for a cluster created without it.
std::string describe_cluster(const std::string& pod_networks) {
  std::string remote = R"("remoteNodeNetworks": [{"cidrs": ["10.80.0.0/16"]}])";
  if (!pod_networks.empty()) remote += R"(, "remotePodNetworks": [{"cidrs": [")" + pod_networks + R"("]}])";
  return R"(---
{
    "cluster": {
        "name": "mixed",
        "arn": "arn:aws:eks:us-west-2:111122223333:cluster/mixed",
        "version": "1.31",
        "kubernetesNetworkConfig": {"serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4"},
        "remoteNetworkConfig": {)" +
         remote + R"(},
        "status": "ACTIVE",
        "platformVersion": "eks.18"
    }
}
)";
}

std::vector<ObjectFindings> nodes_silent() {
  return {{"Node ip-10-0-1-10.us-west-2.compute.internal", {}}, {"Node mi-0a1b2c3d4e5f60001", {}}};
}

TEST(RuleHN015, WithoutDescribeClusterOrAFlagRoutabilityIsUnknownAndSaidOnce) {
  Audit a;
  run_audit(a, kNodes, "", std::nullopt);
  std::vector<ObjectFindings> rows = nodes_silent();
  rows.push_back({"Cluster cluster", {"HN015 info"}});  // no describe-cluster: the cluster has no name
  expect_exact_findings(a, 2, rows);
}

TEST(RuleHN015, RemotePodNetworksWithoutABgpAdvertisementLeaveRoutabilityUnknown) {
  // The VPC routes remotePodNetworks to the on-premises router; whether that
  // router knows the pod CIDRs (BGP, static routes) is not in the input.
  Audit a;
  run_audit(a, std::string(kNodes) + describe_cluster("10.85.0.0/16"), "", std::nullopt);
  std::vector<ObjectFindings> rows = nodes_silent();
  rows.push_back({"Cluster mixed", {"HN015 info"}});
  expect_exact_findings(a, 2, rows);
}

TEST(RuleHN015, NoRemotePodNetworksDecidesUnroutable) {
  Audit a;
  run_audit(a, std::string(kNodes) + describe_cluster(""), "", std::nullopt);
  expect_exact_findings(a, 2, nodes_silent());
}

TEST(RuleHN015, ThePodNetworkFlagDecidesRoutability) {
  for (model::PodNetwork net : {model::PodNetwork::Routable, model::PodNetwork::Unroutable}) {
    Audit a;
    run_audit(a, kNodes, "", net);
    expect_exact_findings(a, 2, nodes_silent());
  }
}

TEST(RuleHN015, ACloudOnlyClusterHasNoHybridPodToReach) {
  Audit a;
  run_audit(a, R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels:
    kubernetes.io/hostname: ip-10-0-1-10.us-west-2.compute.internal
    kubernetes.io/os: linux
    topology.kubernetes.io/region: us-west-2
    topology.kubernetes.io/zone: us-west-2a
    eks.amazonaws.com/nodegroup: default
spec:
  providerID: aws:///us-west-2a/i-0a1b2c3d4e5f60001
status:
  addresses:
  - {type: InternalIP, address: 10.0.1.10}
  allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
  conditions:
  - {type: Ready, status: "True"}
)",
            "", std::nullopt);
  expect_exact_findings(a, 1, {{"Node ip-10-0-1-10.us-west-2.compute.internal", {}}});
}

}  // namespace
}  // namespace hybridctl::testing
