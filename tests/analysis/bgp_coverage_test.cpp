// "Does this BGP object advertise pod CIDRs from that node" has one answer,
// Routability::advertises_pod_cidrs, read by the cluster-wide routability and
// by HN016. HN016 used to decide it again, and took a CiliumBGPClusterConfig
// for an advertiser from its node selector alone, without the PodCIDR
// advertisement its peer configs must reference.
#include <gtest/gtest.h>

#include "analysis/routability.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace bgp_coverage_test {

const char* kNodes = R"({"cluster": {"name": "mixed", "version": "1.31", "remoteNetworkConfig": {
  "remoteNodeNetworks": [{"cidrs": ["10.80.0.0/16"]}], "remotePodNetworks": [{"cidrs": ["10.85.0.0/16"]}]}}}
---
apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-1
  labels: {topology.kubernetes.io/zone: us-west-2a}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-1
  labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem, rack: r1}
spec: {podCIDRs: [10.85.1.0/24]}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-2
  labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem, rack: r2}
spec: {podCIDRs: [10.85.2.0/24]}
---
apiVersion: cilium.io/v2alpha1
kind: CiliumBGPPeeringPolicy
metadata: {name: rack1}
spec:
  nodeSelector: {matchLabels: {rack: r1}}
  virtualRouters: [{localASN: 65010, exportPodCIDR: true, neighbors: [{peerAddress: 10.80.0.1/32, peerASN: 65000}]}]
---
apiVersion: cilium.io/v2alpha1
kind: CiliumBGPClusterConfig
metadata: {name: all-hybrid}
spec:
  nodeSelector: {matchLabels: {eks.amazonaws.com/compute-type: hybrid}}
  bgpInstances:
  - name: onprem
    localASN: 65010
    peers: [{name: router, peerAddress: 10.80.0.1, peerConfigRef: {name: services-only}}]
---
apiVersion: cilium.io/v2alpha1
kind: CiliumBGPPeerConfig
metadata: {name: services-only}
spec:
  families:
  - afi: ipv4
    safi: unicast
    advertisements: {matchLabels: {advertise: services}}
---
apiVersion: cilium.io/v2alpha1
kind: CiliumBGPAdvertisement
metadata: {name: services, labels: {advertise: services}}
spec:
  advertisements: [{advertisementType: Service, service: {addresses: [ClusterIP]}}]
)";

TEST(BgpCoverage, ClusterConfigWithoutAPodCidrAdvertisementAdvertisesNothing) {
  Audit a;
  run_audit(a, kNodes, "", std::nullopt);
  analysis::Routability r(a.snapshot);
  const model::Node& mi1 = *a.snapshot.node("mi-1");
  const model::Node& mi2 = *a.snapshot.node("mi-2");
  const model::BgpAdvertiser* policy = nullptr;
  const model::BgpAdvertiser* cluster_config = nullptr;
  for (const auto& b : a.snapshot.bgp_advertisers) {
    if (b.meta.name == "rack1") policy = &b;
    if (b.meta.name == "all-hybrid") cluster_config = &b;
  }
  ASSERT_NE(policy, nullptr);
  ASSERT_NE(cluster_config, nullptr);
  EXPECT_TRUE(r.advertises_pod_cidrs(*policy, mi1));
  EXPECT_FALSE(r.advertises_pod_cidrs(*policy, mi2));
  EXPECT_FALSE(r.advertises_pod_cidrs(*cluster_config, mi1));
  EXPECT_FALSE(r.advertises_pod_cidrs(*cluster_config, mi2));
  EXPECT_TRUE(r.advertised(mi1));
  EXPECT_FALSE(r.advertised(mi2));
}

TEST(BgpCoverage, HN016NamesOnlyTheObjectThatAdvertisesFromSomeNodes) {
  Audit a;
  run_audit(a, kNodes, "", std::nullopt);
  auto f = a.of("HN016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "CiliumBGPPeeringPolicy");
  EXPECT_EQ(f[0]->object.name, "rack1");
}

}  // namespace bgp_coverage_test
}  // namespace hybridctl::testing
