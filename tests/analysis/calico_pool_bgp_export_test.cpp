// A Calico pool with `disableBGPExport: true` still hands out pod addresses
// on the hybrid nodes it selects: only its BGP advertisement is off. It must
// stay a hybrid pod pool (HN016 judges it against remotePodNetworks) and be
// no evidence that its pods are advertised. Decode used to read the flag as
// "pool disabled", which dropped the pool and silenced HN016 for exactly the
// pool the VPC cannot reach.
#include <gtest/gtest.h>

#include "analysis/reachability.h"
#include "analysis/routability.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace calico_pool_bgp_export_test {

const char* kCluster = R"({"cluster": {"name": "mixed", "version": "1.31", "remoteNetworkConfig": {
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
  labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem}
---
)";

const analysis::Routability::PoolEvidence* pool_with_cidr(const analysis::Routability& r, const std::string& cidr) {
  for (const auto& e : r.hybrid_pools()) {
    if (e.cidr == cidr) return &e;
  }
  return nullptr;
}

TEST(CalicoPoolBgpExport, IPPoolWithBgpExportDisabledStaysAHybridPoolAndFiresHN016) {
  Audit a;
  run_audit(a, std::string(kCluster) + R"(apiVersion: crd.projectcalico.org/v1
kind: IPPool
metadata: {name: onprem-no-export}
spec:
  cidr: 10.99.0.0/16
  nodeSelector: eks.amazonaws.com/compute-type == "hybrid"
  disableBGPExport: true
)",
            "", std::nullopt);
  analysis::Routability r(a.snapshot);
  const auto* pool = pool_with_cidr(r, "10.99.0.0/16");
  ASSERT_NE(pool, nullptr);
  EXPECT_TRUE(pool->bgp_export_disabled);
  EXPECT_EQ(r.cluster_wide(), model::PodNetwork::Unroutable);
  auto f = a.of("HN016");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "IPPool");
  EXPECT_EQ(f[0]->object.name, "onprem-no-export");
}

TEST(CalicoPoolBgpExport, InstallationPoolWithBgpExportDisabledIsNotEvidenceOfAdvertisement) {
  // Inside remotePodNetworks and a BGPPeer covers the node, but the pool's
  // routes are never exported: its pods cannot be confirmed routable.
  Audit a;
  run_audit(a, std::string(kCluster) + R"(apiVersion: operator.tigera.io/v1
kind: Installation
metadata: {name: default}
spec:
  calicoNetwork:
    ipPools:
    - cidr: 10.85.0.0/16
      nodeSelector: eks.amazonaws.com/compute-type == "hybrid"
      disableBGPExport: true
---
apiVersion: crd.projectcalico.org/v1
kind: BGPPeer
metadata: {name: onprem-router}
spec:
  nodeSelector: eks.amazonaws.com/compute-type == "hybrid"
  peerIP: 10.80.0.1
  asNumber: 65001
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: default}
spec: {nodeName: mi-1, containers: [{name: web, image: nginx}]}
status: {podIP: 10.85.3.4, conditions: [{type: Ready, status: "True"}]}
)",
            "", std::nullopt);
  analysis::Routability r(a.snapshot);
  const auto* pool = pool_with_cidr(r, "10.85.0.0/16");
  ASSERT_NE(pool, nullptr);
  EXPECT_TRUE(pool->bgp_export_disabled);
  EXPECT_EQ(r.cluster_wide(), model::PodNetwork::Unknown);
  ASSERT_EQ(a.snapshot.pods.size(), 1u);
  analysis::Reachability reach(a.snapshot, r);
  EXPECT_EQ(reach.of_pod(a.snapshot.pods[0], *a.snapshot.node("mi-1")).network, model::PodNetwork::Unknown);
  EXPECT_TRUE(a.of("HN016").empty());
}

TEST(CalicoPoolBgpExport, ExportedPoolInsideRemotePodNetworksWithAPeerIsRoutable) {
  // The control case of the test above: the same pool with its routes exported.
  Audit a;
  run_audit(a, std::string(kCluster) + R"(apiVersion: operator.tigera.io/v1
kind: Installation
metadata: {name: default}
spec:
  calicoNetwork:
    ipPools:
    - cidr: 10.85.0.0/16
      nodeSelector: eks.amazonaws.com/compute-type == "hybrid"
---
apiVersion: crd.projectcalico.org/v1
kind: BGPPeer
metadata: {name: onprem-router}
spec:
  nodeSelector: eks.amazonaws.com/compute-type == "hybrid"
  peerIP: 10.80.0.1
  asNumber: 65001
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: default}
spec: {nodeName: mi-1, containers: [{name: web, image: nginx}]}
status: {podIP: 10.85.3.4, conditions: [{type: Ready, status: "True"}]}
)",
            "", std::nullopt);
  analysis::Routability r(a.snapshot);
  const auto* pool = pool_with_cidr(r, "10.85.0.0/16");
  ASSERT_NE(pool, nullptr);
  EXPECT_FALSE(pool->bgp_export_disabled);
  EXPECT_EQ(r.cluster_wide(), model::PodNetwork::Routable);
  ASSERT_EQ(a.snapshot.pods.size(), 1u);
  analysis::Reachability reach(a.snapshot, r);
  EXPECT_EQ(reach.of_pod(a.snapshot.pods[0], *a.snapshot.node("mi-1")).network, model::PodNetwork::Routable);
}

}  // namespace calico_pool_bgp_export_test
}  // namespace hybridctl::testing
