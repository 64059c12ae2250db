// HN016: hybrid pod pools outside remotePodNetworks, and pod CIDRs advertised
// by BGP from only some hybrid nodes.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn016_test {

// `aws eks describe-cluster` output (JSON is YAML).
std::string describe_cluster(const std::string& pod_networks) {
  return R"({"cluster": {"name": "mixed", "version": "1.31", "remoteNetworkConfig": {)"
         R"("remoteNodeNetworks": [{"cidrs": ["10.80.0.0/16"]}], "remotePodNetworks": [{"cidrs": [)" +
         pod_networks + "]}]}}}\n";
}

std::string hybrid_node(const std::string& name, const std::string& pod_cidr, const std::string& extra_label = "") {
  return "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name +
         "\n  labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: "
         "onprem" +
         extra_label + "}\nspec:\n  podCIDRs: [" + pod_cidr + "]\n";
}

const char* kCloudNode = R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-1
  labels: {topology.kubernetes.io/zone: us-west-2a}
)";

std::string join(std::initializer_list<std::string> docs) {
  std::string out;
  for (const auto& d : docs) out += (out.empty() ? "" : "---\n") + d;
  return out;
}

TEST(RuleHN016, HybridNodePodCidrOutsideRemotePodNetworksFires) {
  Audit a;
  run_audit(a,
            join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24"),
                  hybrid_node("mi-2", "10.99.2.0/24")}),
            "", std::nullopt);
  auto f = a.of("HN016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Error);
  EXPECT_EQ(f[0]->object.kind, "Node");
  EXPECT_EQ(f[0]->object.name, "mi-2");
  fix::RenderedFix r = fix::render(*f[0]);
  ASSERT_EQ(r.kubectl.size(), 1u);
  // The update replaces both lists: the command repeats what is there and adds the pool.
  EXPECT_EQ(r.kubectl[0],
            R"(aws eks update-cluster-config --name mixed --remote-network-config '{"remoteNodeNetworks":[{"cidrs":)"
            R"(["10.80.0.0/16"]}],"remotePodNetworks":[{"cidrs":["10.85.0.0/16","10.99.2.0/24"]}]}')");
}

TEST(RuleHN016, WideningRemotePodNetworksAsTheCommandSaysClearsTheFinding) {
  // The command's remotePodNetworks list, applied: the configured network plus the pool.
  Audit a;
  run_audit(a,
            join({describe_cluster("\"10.85.0.0/16\", \"10.99.2.0/24\""), kCloudNode,
                  hybrid_node("mi-1", "10.85.1.0/24"), hybrid_node("mi-2", "10.99.2.0/24")}),
            "", std::nullopt);
  EXPECT_TRUE(a.of("HN016").empty());
}

TEST(RuleHN016, PoolsInsideRemotePodNetworksAreCompliant) {
  Audit a;
  run_audit(a, join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24")}), "",
            std::nullopt);
  EXPECT_TRUE(a.of("HN016").empty());
}

TEST(RuleHN016, APoolOnlyPartlyInsideFires) {
  // 10.85.0.0/15 covers 10.84.0.0-10.85.255.255: half of it is outside 10.85.0.0/16.
  const char* cilium_config = R"(apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data:
  cluster-pool-ipv4-cidr: "10.85.0.0/15"
)";
  Audit a;
  run_audit(
      a, join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24"), cilium_config}),
      "", std::nullopt);
  auto f = a.of("HN016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "ConfigMap");
}

TEST(RuleHN016, CalicoPoolSelectingHybridNodesFiresAndOneSelectingCloudNodesDoesNot) {
  const char* pools = R"yaml(apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata: {name: hybrid-pool}
spec:
  cidr: 192.168.0.0/16
  nodeSelector: eks.amazonaws.com/compute-type == 'hybrid'
---
apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata: {name: other-pool}
spec:
  cidr: 172.16.0.0/16
  nodeSelector: "!has(eks.amazonaws.com/compute-type)"
)yaml";
  Audit a;
  run_audit(a, join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24"), pools}), "",
            std::nullopt);
  auto f = a.of("HN016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "IPPool");
  EXPECT_EQ(f[0]->object.name, "hybrid-pool");
}

TEST(RuleHN016, WithoutRemotePodNetworksThereIsNothingToCompareWith) {
  // HN015 (unknown routability) speaks for this case.
  Audit a;
  run_audit(a, join({kCloudNode, hybrid_node("mi-1", "10.99.1.0/24")}), "", std::nullopt);
  EXPECT_TRUE(a.of("HN016").empty());
}

const char* kPeeringOnlyRack1 = R"(apiVersion: cilium.io/v2alpha1
kind: CiliumBGPPeeringPolicy
metadata: {name: rack1}
spec:
  nodeSelector: {matchLabels: {rack: r1}}
  virtualRouters:
  - localASN: 65001
    exportPodCIDR: true
    neighbors: [{peerAddress: 10.80.0.1/32, peerASN: 65000}]
)";

TEST(RuleHN016, BgpAdvertisingFromOnlySomeHybridNodesFires) {
  Audit a;
  run_audit(a,
            join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24", ", rack: r1"),
                  hybrid_node("mi-2", "10.85.2.0/24", ", rack: r2"), kPeeringOnlyRack1}),
            "", std::nullopt);
  auto f = a.of("HN016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "CiliumBGPPeeringPolicy");
  EXPECT_NE(f[0]->message.find("1 of 2 hybrid nodes; mi-2"), std::string::npos) << f[0]->message;
}

TEST(RuleHN016, BgpAdvertisingFromEveryHybridNodeIsCompliant) {
  std::string policy = kPeeringOnlyRack1;
  policy.replace(policy.find("{matchLabels: {rack: r1}}"), std::string("{matchLabels: {rack: r1}}").size(),
                 "{matchLabels: {eks.amazonaws.com/compute-type: hybrid}}");
  Audit a;
  run_audit(a,
            join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24", ", rack: r1"),
                  hybrid_node("mi-2", "10.85.2.0/24", ", rack: r2"), policy}),
            "", std::nullopt);
  EXPECT_TRUE(a.of("HN016").empty());
}

TEST(RuleHN016, PeeringPolicyWithoutPodCidrExportIsNoAdvertisement) {
  std::string policy = kPeeringOnlyRack1;
  policy.replace(policy.find("exportPodCIDR: true"), std::string("exportPodCIDR: true").size(), "exportPodCIDR: false");
  Audit a;
  run_audit(a,
            join({describe_cluster("\"10.85.0.0/16\""), kCloudNode, hybrid_node("mi-1", "10.85.1.0/24", ", rack: r1"),
                  hybrid_node("mi-2", "10.85.2.0/24", ", rack: r2"), policy}),
            "", std::nullopt);
  EXPECT_TRUE(a.of("HN016").empty()) << "nothing is advertised anywhere: HN015, not a partial advertisement";
}

}  // namespace hn016_test
}  // namespace hybridctl::testing
