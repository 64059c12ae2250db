// Pins the what-ifs of CLI.md: --add-nodes ENV:ZONE=N[/POD_CIDR] and
// --drain zone=Z|node=N|env=hybrid, applied to a copy of the snapshot.
#include "analysis/placement/what_ifs.h"

#include <gtest/gtest.h>

#include "analysis/placement/placement.h"
#include "placement/placement_test_support.h"

namespace hybridctl::analysis::placement {
namespace what_ifs_test {

TEST(WhatIfsParse, AddNodesWithAndWithoutPodCidr) {
  WhatIfs w;
  EXPECT_EQ(parse_add_nodes("hybrid:onprem=20/10.85.0.0/16", w), "");
  EXPECT_EQ(parse_add_nodes("cloud:us-west-2a=3", w), "");
  ASSERT_EQ(w.add_nodes.size(), 2u);
  EXPECT_EQ(w.add_nodes[0].environment, model::Environment::Hybrid);
  EXPECT_EQ(w.add_nodes[0].zone, "onprem");
  EXPECT_EQ(w.add_nodes[0].count, 20);
  EXPECT_EQ(w.add_nodes[0].pod_cidr, "10.85.0.0/16");
  EXPECT_EQ(w.add_nodes[1].pod_cidr, "");
}

TEST(WhatIfsParse, AddNodesRejectsBadSpecs) {
  WhatIfs w;
  EXPECT_NE(parse_add_nodes("edge:z=1", w), "");
  EXPECT_NE(parse_add_nodes("cloud:=1", w), "");
  EXPECT_NE(parse_add_nodes("cloud:z=0", w), "");
  EXPECT_NE(parse_add_nodes("cloud:z=two", w), "");
  EXPECT_NE(parse_add_nodes("cloud:z=1/not-a-cidr", w), "");
  EXPECT_NE(parse_add_nodes("cloud-z-1", w), "");
  EXPECT_TRUE(w.add_nodes.empty());
}

TEST(WhatIfsParse, Drain) {
  WhatIfs w;
  EXPECT_EQ(parse_drain("zone=us-west-2a", w), "");
  EXPECT_EQ(parse_drain("node=n1", w), "");
  EXPECT_EQ(parse_drain("env=hybrid", w), "");
  EXPECT_NE(parse_drain("env=edge", w), "");
  EXPECT_NE(parse_drain("rack=r1", w), "");
  EXPECT_NE(parse_drain("zone=", w), "");
  ASSERT_EQ(w.drains.size(), 3u);
  EXPECT_EQ(w.drains[2].by, Drain::By::Environment);
}

TEST(WhatIfsApply, AddedNodesAreReadyLabelledAndCarryTheirPodCidr) {
  model::Snapshot s = testing::snapshot_of("", "cloud:us-west-2a=1");
  WhatIfs w;
  ASSERT_EQ(parse_add_nodes("hybrid:onprem=2/10.85.0.0/16", w), "");
  model::Snapshot out = apply_what_ifs(s, w);
  ASSERT_EQ(out.nodes.size(), 3u);
  EXPECT_EQ(s.nodes.size(), 1u);  // the input is left alone
  const model::Node* n = out.node("whatif-hybrid-onprem-1");
  ASSERT_NE(n, nullptr);
  EXPECT_TRUE(n->is_hybrid());
  EXPECT_EQ(n->zone(), "onprem");
  EXPECT_EQ(n->pod_cidrs, std::vector<std::string>{"10.85.0.0/16"});
  EXPECT_EQ(n->ready, std::optional<bool>(true));
}

constexpr const char* kWorkloadOnHybrid = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, uid: web-uid}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: web}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-1
  namespace: default
  labels: {app: web}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: web-uid, controller: true}]
spec: {nodeName: assumed-hybrid-onprem-2, containers: [{name: c, image: web}]}
---
apiVersion: v1
kind: Pod
metadata: {name: bare, namespace: default}
spec: {nodeName: assumed-hybrid-onprem-2, containers: [{name: c, image: x}]}
)";

TEST(WhatIfsApply, DrainingHybridCordonsEvictsAndTheSimulationReplaces) {
  model::Snapshot s = testing::snapshot_of(kWorkloadOnHybrid, "cloud:us-west-2a=1,hybrid:onprem=1");
  WhatIfs w;
  ASSERT_EQ(parse_drain("env=hybrid", w), "");
  model::Snapshot out = apply_what_ifs(s, w);
  EXPECT_TRUE(out.node("assumed-hybrid-onprem-2")->unschedulable);
  EXPECT_FALSE(out.node("assumed-cloud-us-west-2a-1")->unschedulable);
  EXPECT_TRUE(out.pods.empty());  // the replica is evicted, the bare pod deleted
  PlacementResult r = simulate(out, {});
  ASSERT_EQ(r.workloads.size(), 1u);
  ASSERT_EQ(r.workloads[0].placements.size(), 1u);
  EXPECT_EQ(r.workloads[0].placements[0]->meta.name, "assumed-cloud-us-west-2a-1");
}

// A webhook backend on a hybrid node, listed by its Service's EndpointSlice
// and core/v1 Endpoints, next to a DaemonSet pod on the same node.
constexpr const char* kListedBackendOnHybrid = R"(
apiVersion: v1
kind: Node
metadata: {name: mi-1, labels: {eks.amazonaws.com/compute-type: hybrid, kubernetes.io/hostname: mi-1}}
spec: {podCIDRs: [10.85.1.0/24]}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}, conditions: [{type: Ready, status: "True"}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ops}
spec:
  selector: {matchLabels: {app: agent}}
  template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: a, image: a}]}}
---
apiVersion: v1
kind: Pod
metadata:
  name: agent-x
  namespace: ops
  labels: {app: agent}
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, controller: true}]
spec: {nodeName: mi-1, containers: [{name: a, image: a}]}
status: {phase: Running, podIP: 10.85.1.9}
---
apiVersion: v1
kind: Pod
metadata: {name: hook-0, namespace: ops, labels: {app: hook}}
spec: {nodeName: mi-1, containers: [{name: h, image: h}]}
status: {phase: Running, podIP: 10.85.1.7}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: hook-abc, namespace: ops, labels: {kubernetes.io/service-name: hook}}
addressType: IPv4
endpoints:
- {addresses: [10.85.1.7], nodeName: mi-1, targetRef: {kind: Pod, name: hook-0, namespace: ops}}
- {addresses: [10.85.1.9], nodeName: mi-1, targetRef: {kind: Pod, name: agent-x, namespace: ops}}
- {addresses: [10.85.1.8], nodeName: mi-1}
---
apiVersion: v1
kind: Endpoints
metadata: {name: hook, namespace: ops}
subsets:
- addresses:
  - {ip: 10.85.1.7, nodeName: mi-1, targetRef: {kind: Pod, name: hook-0, namespace: ops}}
  - {ip: 10.85.1.9, nodeName: mi-1, targetRef: {kind: Pod, name: agent-x, namespace: ops}}
)";

TEST(WhatIfsApply, DrainDropsTheEvictedPodsEndpointsAsTheEndpointControllersDo) {
  model::Snapshot s = testing::snapshot_of(kListedBackendOnHybrid);
  ASSERT_EQ(s.endpoint_slices.size(), 1u);
  ASSERT_EQ(s.endpoints.size(), 1u);
  WhatIfs w;
  ASSERT_EQ(parse_drain("node=mi-1", w), "");
  model::Snapshot out = apply_what_ifs(s, w);
  // The evicted pod's endpoint and the one no targetRef vouches for go; the
  // DaemonSet pod, which a drain leaves running, keeps its endpoint.
  ASSERT_EQ(out.endpoint_slices[0].endpoints.size(), 1u);
  EXPECT_EQ(out.endpoint_slices[0].endpoints[0].target_name, "agent-x");
  ASSERT_EQ(out.endpoints[0].subsets.size(), 1u);
  ASSERT_EQ(out.endpoints[0].subsets[0].addresses.size(), 1u);
  EXPECT_EQ(out.endpoints[0].subsets[0].addresses[0].ip, "10.85.1.9");
  ASSERT_EQ(out.pods.size(), 1u);
  EXPECT_EQ(out.pods[0].meta.name, "agent-x");
}

TEST(WhatIfsApply, DrainingAnotherNodeLeavesTheListsAlone) {
  model::Snapshot s = testing::snapshot_of(kListedBackendOnHybrid, "cloud:us-west-2a=1");
  WhatIfs w;
  ASSERT_EQ(parse_drain("zone=us-west-2a", w), "");
  model::Snapshot out = apply_what_ifs(s, w);
  EXPECT_EQ(out.endpoint_slices[0].endpoints.size(), 3u);
  EXPECT_EQ(out.endpoints[0].subsets[0].addresses.size(), 2u);
}

}  // namespace what_ifs_test
}  // namespace hybridctl::analysis::placement
