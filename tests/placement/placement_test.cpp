// Pins the placement loop (src/analysis/placement): the document's CoreDNS
// probabilities against arithmetic, "guaranteed" only when constraints force
// it, DaemonSets, bound pods taken as placed, unschedulable replicas, and the
// simulated pods handed to re-audits.
#include "analysis/placement/placement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "placement/placement_test_support.h"

namespace hybridctl::analysis::placement {
namespace placement_test {

using testing::kCoreDnsDeployment;
using testing::snapshot_of;

const WorkloadPlacement& find(const PlacementResult& r, const std::string& name) {
  for (const auto& w : r.workloads) {
    const std::string& n = w.workload ? w.workload->meta.name : w.bare_pod->meta.name;
    if (n == name) return w;
  }
  throw std::runtime_error("no workload " + name);
}

std::string on_prem_nodes(int k) {
  return "cloud:us-west-2a=1,cloud:us-west-2b=1,cloud:us-west-2c=1,hybrid:onprem=" + std::to_string(k);
}

// The document's CoreDNS case. With 3 cloud nodes (one per AZ) and k equal
// on-prem nodes (one zone), replica 1 sees no matching pod: every score is
// equal, so it lands uniformly, on the cloud with probability 3/(3+k).
// Replica 2: both the incoming pod's preferred anti-affinity and the existing
// replica's (symmetry) count, so replica 1's node scores -2*(100+50) = -300,
// its zone's other nodes -100, every other node 0; min-max normalisation gives
// replica 1's node 0 and (for a cloud replica 1, whose zone has no other node)
// every other node 100 (x weight 2), and system-default spreading and
// LeastAllocated also only lower replica 1's node. So replica 2 lands
// uniformly on the other 2+k nodes, 2 of them cloud:
//   P(no replica on hybrid) = 3/(3+k) * 2/(2+k)  ->  k=1: 1/2, k=2: 3/10, k=3: 1/5.
double share_all_in_cloud(int on_prem, int runs) {
  model::Snapshot s = snapshot_of(kCoreDnsDeployment, on_prem_nodes(on_prem));
  PlacementResult r = simulate(s, {1, runs});
  return find(r, "coredns").all_in_cloud;
}

TEST(PlacementCoreDns, DocumentCaseHalfOfRunsKeepEveryReplicaInTheCloud) {
  EXPECT_NEAR(share_all_in_cloud(1, 1000), 0.5, 0.05);
}

TEST(PlacementCoreDns, ShareFallsAsOnPremNodesAreAdded) {
  double one = share_all_in_cloud(1, 1000), two = share_all_in_cloud(2, 1000), three = share_all_in_cloud(3, 1000);
  EXPECT_NEAR(two, 3.0 / 5 * 2.0 / 4, 0.05);
  EXPECT_NEAR(three, 3.0 / 6 * 2.0 / 5, 0.05);
  EXPECT_GT(one, two);
  EXPECT_GT(two, three);
}

TEST(PlacementCoreDns, ReplicasNeverShareANodeAndPreferenceIsNotAGuarantee) {
  model::Snapshot s = snapshot_of(kCoreDnsDeployment, on_prem_nodes(1));
  PlacementResult r = simulate(s, {7, 200});
  const WorkloadPlacement& w = find(r, "coredns");
  ASSERT_EQ(w.placements.size(), 2u);
  EXPECT_NE(w.placements[0], w.placements[1]);
  EXPECT_EQ(w.feasible_nodes.size(), 4u);
  EXPECT_FALSE(w.guaranteed_both_sides);
  EXPECT_NEAR(w.all_in_cloud + w.both_sides, 1.0,
              1e-9);  // two replicas cannot both be on the one on-prem node
  EXPECT_EQ(w.all_in_hybrid, 0.0);
}

TEST(PlacementCoreDns, SameSeedSamePlacement) {
  model::Snapshot s = snapshot_of(kCoreDnsDeployment, on_prem_nodes(2));
  for (uint64_t seed : {1, 2, 3, 42}) {
    PlacementResult a = simulate(s, {seed, 1}), b = simulate(s, {seed, 1});
    EXPECT_EQ(find(a, "coredns").placements, find(b, "coredns").placements);
  }
}

// A DoNotSchedule spread on a label whose values split the two sides forces
// one replica onto each: the second replica on the first one's side would
// make a skew of 2.
constexpr const char* kSides = R"(
apiVersion: v1
kind: Node
metadata: {name: cloud-1, labels: {kubernetes.io/hostname: cloud-1, example.com/side: cloud, topology.kubernetes.io/zone: us-west-2a}}
---
apiVersion: v1
kind: Node
metadata: {name: cloud-2, labels: {kubernetes.io/hostname: cloud-2, example.com/side: cloud, topology.kubernetes.io/zone: us-west-2b}}
---
apiVersion: v1
kind: Node
metadata: {name: onprem-1, labels: {kubernetes.io/hostname: onprem-1, example.com/side: hybrid, eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: dns, namespace: kube-system}
spec:
  replicas: 2
  selector: {matchLabels: {app: dns}}
  template:
    metadata: {labels: {app: dns}}
    spec:
      containers: [{name: c, image: dns}]
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: example.com/side, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: dns}}}
)";

TEST(PlacementGuarantee, HardSpreadAcrossSidesIsGuaranteed) {
  model::Snapshot s = snapshot_of(kSides);  // outlives the result, which points into it
  PlacementResult r = simulate(s, {1, 50});
  const WorkloadPlacement& w = find(r, "dns");
  EXPECT_TRUE(w.guaranteed_both_sides);
  EXPECT_EQ(w.both_sides, 1.0);
  EXPECT_EQ(w.by_environment.at("cloud"), 1);
  EXPECT_EQ(w.by_environment.at("hybrid"), 1);
}

TEST(PlacementGuarantee, ScheduleAnywaySpreadIsNotAGuarantee) {
  std::string yaml = kSides;
  yaml.replace(yaml.find("DoNotSchedule"), std::string("DoNotSchedule").size(), "ScheduleAnyway");
  model::Snapshot s = snapshot_of(yaml);  // outlives the result, which points into it
  PlacementResult r = simulate(s, {1, 20});
  EXPECT_FALSE(find(r, "dns").guaranteed_both_sides);
}

constexpr const char* kDaemonSet = R"(
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: agent}]
---
apiVersion: v1
kind: Node
metadata: {name: tainted, labels: {kubernetes.io/hostname: tainted}}
spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
---
apiVersion: v1
kind: Node
metadata: {name: cordoned, labels: {kubernetes.io/hostname: cordoned}}
spec: {unschedulable: true}
)";

TEST(PlacementDaemonSet, OnePodPerEligibleNodeIncludingCordonedOnes) {
  model::Snapshot s = snapshot_of(kDaemonSet,
                                  "cloud:us-west-2a=2,hybrid:onprem=1");  // outlives the result, which points into it
  PlacementResult r = simulate(s, {});
  const WorkloadPlacement& w = find(r, "agent");
  // 3 assumed nodes + the cordoned one (daemon pods tolerate the cordon); not the tainted node.
  EXPECT_EQ(w.replicas, 4);
  std::set<std::string> nodes;
  for (const model::Node* n : w.placements) {
    ASSERT_NE(n, nullptr);
    nodes.insert(n->meta.name);
  }
  EXPECT_EQ(nodes.size(), 4u);
  EXPECT_TRUE(nodes.count("cordoned"));
  EXPECT_FALSE(nodes.count("tainted"));
  EXPECT_EQ(w.by_environment.at("hybrid"), 1);
}

// A bound pod with required anti-affinity against the workload keeps it off
// its node (existing pods' anti-affinity, symmetry), and bound replicas of a
// workload count toward its replicas.
constexpr const char* kBound = R"(
apiVersion: v1
kind: Pod
metadata: {name: loner, namespace: default, labels: {app: loner}}
spec:
  nodeName: assumed-cloud-us-west-2a-1
  containers: [{name: c, image: x}]
  affinity:
    podAntiAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
      - {labelSelector: {matchLabels: {app: web}}, topologyKey: kubernetes.io/hostname}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, uid: web-uid}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: web}]
---
apiVersion: v1
kind: Pod
metadata:
  name: web-abc
  namespace: default
  labels: {app: web}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: web-uid, controller: true}]
spec:
  nodeName: assumed-cloud-us-west-2a-2
  containers: [{name: c, image: web}]
)";

TEST(PlacementExistingPods, BoundPodsCountAndTheirAntiAffinityHolds) {
  model::Snapshot s = snapshot_of(kBound, "cloud:us-west-2a=3");  // outlives the result, which points into it
  PlacementResult r = simulate(s, {3, 1});
  const WorkloadPlacement& w = find(r, "web");
  ASSERT_EQ(w.placements.size(), 3u);
  EXPECT_EQ(w.placements[0]->meta.name,
            "assumed-cloud-us-west-2a-2");  // the bound replica comes first
  for (const model::Node* n : w.placements) {
    ASSERT_NE(n, nullptr);
    EXPECT_NE(n->meta.name, "assumed-cloud-us-west-2a-1");
  }
  // Only the two missing replicas are simulated pods, each owned by the workload and ready.
  size_t web_pods = 0;
  for (const model::Pod& p : r.simulated_pods) {
    if (p.meta.labels.get("app") != "web") continue;
    ++web_pods;
    EXPECT_FALSE(p.spec.node_name.empty());
    EXPECT_EQ(p.ready, std::optional<bool>(true));
    ASSERT_EQ(p.meta.owners.size(), 1u);
    EXPECT_EQ(p.meta.owners[0].kind, "Deployment");
    EXPECT_EQ(p.meta.owners[0].uid, "web-uid");
  }
  EXPECT_EQ(web_pods, 2u);
}

constexpr const char* kPinnedToHybrid = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: pinned, namespace: default}
spec:
  replicas: 3
  selector: {matchLabels: {app: pinned}}
  template:
    metadata: {labels: {app: pinned}}
    spec:
      containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}]
      nodeSelector: {eks.amazonaws.com/compute-type: hybrid}
)";

TEST(PlacementResources, ReplicasThatFitNowhereAreUnschedulable) {
  // Two hybrid nodes of 4 CPU: one 3-CPU replica each; the third fits nowhere.
  model::Snapshot s = snapshot_of(kPinnedToHybrid,
                                  "cloud:us-west-2a=2,hybrid:onprem=2");  // outlives the result, which points into it
  PlacementResult r = simulate(s, {});
  const WorkloadPlacement& w = find(r, "pinned");
  ASSERT_EQ(w.placements.size(), 3u);
  EXPECT_EQ(std::count(w.placements.begin(), w.placements.end(), nullptr), 1);
  EXPECT_EQ(w.by_environment.at("hybrid"), 2);
  EXPECT_EQ(w.feasible_nodes.size(), 2u);
  EXPECT_EQ(w.all_in_hybrid, 0.0);  // not every replica landed
}

TEST(PlacementFixCheck, AllReplicasPlaceable) {
  model::Snapshot s = snapshot_of(kPinnedToHybrid, "cloud:us-west-2a=2,hybrid:onprem=2");
  const model::Workload& pinned = s.workloads.at(0);
  EXPECT_FALSE(all_replicas_placeable(s, pinned));
  model::Workload fixed = pinned;
  fixed.tmpl.spec.node_selector = {};
  model::NodeAffinity& node_affinity = fixed.tmpl.spec.affinity.emplace().node_affinity.emplace();
  node_affinity.required.present = true;
  node_affinity.required.terms.push_back({{{"eks.amazonaws.com/compute-type", "NotIn", {"hybrid"}}}, {}});
  EXPECT_FALSE(all_replicas_placeable(s, fixed));  // two 4-CPU cloud nodes take only two 3-CPU replicas
  fixed.replicas = 2;
  EXPECT_TRUE(all_replicas_placeable(s, fixed));
}

constexpr const char* kJobAndBarePod = R"(
apiVersion: batch/v1
kind: Job
metadata: {name: batch, namespace: default}
spec:
  parallelism: 3
  template:
    metadata: {labels: {job: batch}}
    spec:
      containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: default}
spec:
  containers: [{name: c, image: x}]
)";

TEST(PlacementKinds, JobsByParallelismAndBarePods) {
  model::Snapshot s = snapshot_of(kJobAndBarePod, "cloud:us-west-2a=2");  // outlives the result, which points into it
  PlacementResult r = simulate(s, {});
  EXPECT_EQ(find(r, "batch").replicas, 3);
  const WorkloadPlacement& bare = find(r, "debug");
  EXPECT_NE(bare.bare_pod, nullptr);
  ASSERT_EQ(bare.placements.size(), 1u);
  EXPECT_NE(bare.placements[0], nullptr);
}

}  // namespace placement_test
}  // namespace hybridctl::analysis::placement

namespace hybridctl::analysis::placement {
namespace placement_test {

TEST(PlacementNodeSet, MembersComeBackOnceInIdOrder) {
  NodeSet s(200);
  for (int32_t id : {130, 0, 64, 63, 199, 64}) s.insert(id);
  EXPECT_EQ(s.size(), 5u);
  EXPECT_TRUE(s.contains(63));
  EXPECT_FALSE(s.contains(62));
  EXPECT_FALSE(s.contains(1000));
  std::vector<int32_t> ids;
  s.for_each([&](int32_t id) { ids.push_back(id); });
  EXPECT_EQ(ids, (std::vector<int32_t>{0, 63, 64, 130, 199}));
  EXPECT_TRUE(NodeSet().empty());
}

}  // namespace placement_test
}  // namespace hybridctl::analysis::placement

namespace hybridctl::analysis::placement {
namespace placement_test {

// The input lists `zeta` before `alpha`; the scheduler numbers nodes by name.
// A bound pod filling zeta must count on zeta (found when bound pods were
// first grouped per snapshot and bound by their place in the input).
constexpr const char* kNodesOutOfNameOrder = R"(
apiVersion: v1
kind: Node
metadata: {name: zeta, labels: {kubernetes.io/hostname: zeta, topology.kubernetes.io/zone: us-west-2a}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: v1
kind: Node
metadata: {name: alpha, labels: {kubernetes.io/hostname: alpha, topology.kubernetes.io/zone: us-west-2a}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
---
apiVersion: v1
kind: Pod
metadata: {name: hog, namespace: default}
spec:
  nodeName: zeta
  containers: [{name: c, image: x, resources: {requests: {cpu: "4"}}}]
status: {phase: Running}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: x, resources: {requests: {cpu: "2"}}}]
)";

TEST(PlacementExistingPods, BoundPodsCountOnTheirOwnNodeWhateverTheInputOrder) {
  model::Snapshot s = testing::snapshot_of(kNodesOutOfNameOrder);
  ASSERT_EQ(s.nodes.front().meta.name, "zeta");
  PlacementResult r = simulate(s, {1, 1});
  const WorkloadPlacement& w = find(r, "web");
  ASSERT_EQ(w.placements.size(), 1u);
  ASSERT_NE(w.placements[0], nullptr);
  EXPECT_EQ(w.placements[0]->meta.name, "alpha");
  model::Workload bigger = s.workloads.front();
  bigger.replicas = 3;  // 2 CPU each: alpha takes two, zeta none
  EXPECT_FALSE(all_replicas_placeable(s, bigger));
  bigger.replicas = 2;
  EXPECT_TRUE(all_replicas_placeable(s, bigger));
}

}  // namespace placement_test
}  // namespace hybridctl::analysis::placement
