// HN017: a hybrid node's InternalIP outside remoteNodeNetworks (nodeadm
// refuses to join such a node; one already joined loses the control plane's
// reach to its kubelet). Only hybrid nodes with an InternalIP are judged,
// and only when describe-cluster gives remoteNodeNetworks.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace {

// `kubectl get node -o yaml`: a cloud node (its VPC address is outside the
// remote networks, as always), a hybrid node inside 10.80.0.0/16, one on
// another on-premises subnet, and one whose kubelet reported no address yet.
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
  - {type: Hostname, address: mi-0a1b2c3d4e5f60001}
  allocatable: {cpu: "4", memory: 15Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60002
  labels:
    kubernetes.io/hostname: mi-0a1b2c3d4e5f60002
    kubernetes.io/os: linux
    eks.amazonaws.com/compute-type: hybrid
    topology.kubernetes.io/zone: onprem
spec:
  podCIDRs: [10.85.2.0/24]
status:
  addresses:
  - {type: InternalIP, address: 192.168.50.12}
  - {type: Hostname, address: mi-0a1b2c3d4e5f60002}
  allocatable: {cpu: "4", memory: 15Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60003
  labels:
    kubernetes.io/hostname: mi-0a1b2c3d4e5f60003
    kubernetes.io/os: linux
    eks.amazonaws.com/compute-type: hybrid
    topology.kubernetes.io/zone: onprem
spec:
  podCIDRs: [10.85.3.0/24]
status:
  allocatable: {cpu: "4", memory: 15Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
)";

// `aws eks describe-cluster --name mixed`; `node_networks` empty leaves
// remoteNetworkConfig out (a cluster without hybrid networking).
std::string describe_cluster(const std::string& node_networks) {
  std::string config;
  if (!node_networks.empty()) {
    config = R"(
        "remoteNetworkConfig": {
            "remoteNodeNetworks": [{"cidrs": [)" +
             node_networks + R"(]}],
            "remotePodNetworks": [{"cidrs": ["10.85.0.0/16"]}]
        },)";
  }
  return R"(---
{
    "cluster": {
        "name": "mixed",
        "arn": "arn:aws:eks:us-west-2:111122223333:cluster/mixed",
        "version": "1.31",
        "kubernetesNetworkConfig": {"serviceIpv4Cidr": "10.100.0.0/16", "ipFamily": "ipv4"},)" +
         config + R"(
        "status": "ACTIVE",
        "platformVersion": "eks.18"
    }
}
)";
}

std::vector<ObjectFindings> table(std::set<std::string> outside) {
  return {
      {"Node ip-10-0-1-10.us-west-2.compute.internal", {}},
      {"Node mi-0a1b2c3d4e5f60001", {}},
      {"Node mi-0a1b2c3d4e5f60002", std::move(outside)},
      {"Node mi-0a1b2c3d4e5f60003", {}},
  };
}

TEST(RuleHN017, AHybridNodeOutsideRemoteNodeNetworksIsAnError) {
  Audit a;
  run_audit(a, std::string(kNodes) + describe_cluster(R"("10.80.0.0/16")"), "", model::PodNetwork::Routable);
  expect_exact_findings(a, 4, table({"HN017 error"}));
  auto f = a.of("HN017");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("192.168.50.12"), std::string::npos) << f[0]->message;
}

TEST(RuleHN017, WideningRemoteNodeNetworksClearsTheFinding) {
  Audit a;
  run_audit(a, std::string(kNodes) + describe_cluster(R"("10.80.0.0/16", "192.168.50.0/24")"), "",
            model::PodNetwork::Routable);
  expect_exact_findings(a, 4, table({}));
}

TEST(RuleHN017, WithoutRemoteNodeNetworksThereIsNothingToCompareWith) {
  Audit a;
  run_audit(a, std::string(kNodes) + describe_cluster(""), "", model::PodNetwork::Routable);
  expect_exact_findings(a, 4, table({}));
}

}  // namespace
}  // namespace hybridctl::testing
