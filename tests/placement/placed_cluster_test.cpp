// PlacedCluster (the keep-in-cloud fix checks' shared placement) must answer
// exactly as all_replicas_placeable, which places the whole cluster again for
// each workload: on generated clusters with running pods (some being
// deleted), resources that run out, and patched workloads whose inter-pod
// (anti-)affinity and topology spread select each other's pods, checked one
// after another on the same shared state (so a check that did not restore
// the state would change the next answers).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/placement/bound_pods.h"
#include "analysis/placement/placement.h"
#include "analysis/placement/services_by_selector.h"
#include "placement/placement_test_support.h"

namespace hybridctl::analysis::placement {
namespace placed_cluster_test {

using testing::snapshot_of;

struct Cluster {
  std::string yaml;
  std::string nodes;
  int workloads = 0;
};

// Deployments app-0..app-N-1 (label app, shared label tier), some of their
// pods already running on the assumed nodes, a Service per workload.
Cluster generate_cluster(uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  Cluster c;
  const int a = 1 + pick(3), b = pick(3), hybrid = 1 + pick(3);
  c.nodes = "cloud:us-west-2a=" + std::to_string(a) + (b ? ",cloud:us-west-2b=" + std::to_string(b) : "") +
            ",hybrid:onprem=" + std::to_string(hybrid);
  std::vector<std::string> node_names;
  // decode/assumed_nodes.cpp's names: one serial over the whole flag.
  int serial = 0;
  for (int i = 0; i < a; ++i) node_names.push_back("assumed-cloud-us-west-2a-" + std::to_string(++serial));
  for (int i = 0; i < b; ++i) node_names.push_back("assumed-cloud-us-west-2b-" + std::to_string(++serial));
  for (int i = 0; i < hybrid; ++i) node_names.push_back("assumed-hybrid-onprem-" + std::to_string(++serial));
  c.workloads = 3 + pick(4);
  for (int w = 0; w < c.workloads; ++w) {
    const std::string app = "app-" + std::to_string(w);
    const std::string tier = pick(2) ? "front" : "back";
    const std::string cpu = std::to_string(100 + 400 * pick(4)) + "m";
    c.yaml += "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + app +
              ", namespace: default}\nspec:\n  replicas: " + std::to_string(1 + pick(4)) +
              "\n  selector: {matchLabels: {app: " + app + "}}\n  template:\n    metadata: {labels: {app: " + app +
              ", tier: " + tier +
              "}}\n    spec:\n      containers: [{name: c, image: x, resources: {requests: {cpu: " + cpu + "}}}]\n";
    c.yaml += "---\napiVersion: v1\nkind: Service\nmetadata: {name: " + app +
              ", namespace: default}\nspec:\n  selector: {app: " + app + "}\n  ports: [{port: 80}]\n";
    const int running = pick(4);
    for (int p = 0; p < running; ++p) {
      std::string node = node_names[static_cast<size_t>(pick(static_cast<int>(node_names.size())))];
      std::string deleting = pick(5) == 0 ? ", deletionTimestamp: '2026-01-01T00:00:00Z'" : "";
      c.yaml += "---\napiVersion: v1\nkind: Pod\nmetadata: {name: " + app + "-" + std::to_string(p) +
                ", namespace: default, labels: {app: " + app + ", tier: " + tier + "}" + deleting +
                "}\nspec:\n  nodeName: " + node +
                "\n  containers: [{name: c, image: x, resources: {requests: {cpu: " + cpu +
                "}}}]\nstatus: {phase: Running}\n";
    }
  }
  return c;
}

model::PodAffinityTerm term_selecting(const std::string& key, const std::string& value, const std::string& topology) {
  model::PodAffinityTerm t;
  t.label_selector.present = true;
  t.label_selector.match_labels.set(key, value);
  t.topology_key = topology;
  return t;
}

// A patched copy of `w` as a fix (or a stranger one) would make it: kept off
// hybrid nodes or not, more replicas, required anti-affinity or affinity and
// spread constraints selecting its own pods, another workload's, or a tier.
model::Workload patch(const model::Workload& w, int workloads, std::mt19937_64& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  auto topology = [&] { return pick(2) ? std::string(model::kHostnameLabel) : std::string(model::kZoneLabel); };
  auto selector = [&](std::string& key, std::string& value) {
    switch (pick(3)) {
      case 0:
        key = "app", value = w.meta.name;
        break;
      case 1:
        key = "app", value = "app-" + std::to_string(pick(workloads));
        break;
      default:
        key = "tier", value = pick(2) ? "front" : "back";
    }
  };
  model::Workload p = w;
  p.replicas = 1 + pick(5);
  model::Affinity& affinity = p.tmpl.spec.affinity.emplace();  // a fresh copy: the original stays shared
  if (pick(3) != 0) {
    model::NodeAffinity& na = affinity.node_affinity.emplace();
    na.required.present = true;
    na.required.terms.push_back({{{"eks.amazonaws.com/compute-type", "NotIn", {"hybrid"}}}, {}});
  }
  std::string key, value;
  if (pick(2)) {
    selector(key, value);
    affinity.pod_anti_affinity.emplace().required.push_back(term_selecting(key, value, topology()));
  }
  if (pick(4) == 0) {
    selector(key, value);
    affinity.pod_affinity.emplace().required.push_back(term_selecting(key, value, topology()));
  }
  if (pick(2)) {
    selector(key, value);
    model::TopologySpreadConstraint tsc;
    tsc.max_skew = 1;
    tsc.topology_key = topology();
    tsc.when_unsatisfiable = pick(3) ? "DoNotSchedule" : "ScheduleAnyway";
    tsc.label_selector.present = true;
    tsc.label_selector.match_labels.set(key, value);
    p.tmpl.spec.topology_spread.push_back(tsc);
  }
  if (pick(3) == 0) {
    model::WeightedPodAffinityTerm preferred;
    preferred.weight = 50;
    selector(key, value);
    preferred.term = term_selecting(key, value, topology());
    if (!affinity.pod_anti_affinity) affinity.pod_anti_affinity.emplace();
    affinity.pod_anti_affinity->preferred.push_back(preferred);
  }
  return p;
}

TEST(PlacedCluster, AnswersAsPlacingTheWholeClusterPerWorkload) {
  int placeable = 0, unplaceable = 0;
  // 300 clusters: a check that skipped the canonical node order after taking
  // the workload's pods off first disagreed on cluster 181.
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    const Cluster c = generate_cluster(seed);
    const model::Snapshot s = snapshot_of(c.yaml, c.nodes);
    const BoundPods bound(s);
    ASSERT_FALSE(bound.pods().empty() && seed == 1) << "the generator must produce running pods";
    const ServicesBySelectorPair services(s);
    PlacedCluster shared(s, bound, &services);
    std::mt19937_64 rng(seed * 7919);
    // Every workload patched several times, the checks interleaved, so each
    // one runs on the state the previous checks left.
    for (int round = 0; round < 4; ++round) {
      for (const model::Workload& w : s.workloads) {
        const model::Workload patched = patch(w, c.workloads, rng);
        const bool expected = all_replicas_placeable(s, patched, &bound, &services);
        ASSERT_EQ(shared.all_replicas_placeable(patched), expected)
            << "cluster seed " << seed << ", round " << round << ", workload " << w.meta.name << "\n"
            << c.nodes << "\n"
            << c.yaml;
        (expected ? placeable : unplaceable) += 1;
      }
    }
  }
  // Both answers occur, so agreeing is not trivial.
  EXPECT_GT(placeable, 50);
  EXPECT_GT(unplaceable, 50);
}

constexpr const char* kDaemonSetAndRunningPods = R"(
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: x, resources: {requests: {cpu: 3}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: agent-0, namespace: kube-system, labels: {app: agent}}
spec:
  nodeName: assumed-cloud-us-west-2a-1
  containers: [{name: c, image: x, resources: {requests: {cpu: 3}}}]
status: {phase: Running}
---
apiVersion: v1
kind: Pod
metadata: {name: big, namespace: default, labels: {app: big}}
spec:
  nodeName: assumed-cloud-us-west-2a-2
  containers: [{name: c, image: x, resources: {requests: {cpu: 2}}}]
status: {phase: Running}
)";

TEST(PlacedCluster, DaemonSetReplacesItsOwnRunningPods) {
  const model::Snapshot s = snapshot_of(kDaemonSetAndRunningPods, "cloud:us-west-2a=2,hybrid:onprem=1");
  const BoundPods bound(s);
  PlacedCluster shared(s, bound);
  model::Workload agent = s.workloads.at(0);
  // Its own pod on cloud-0 makes room for its replacement; `big` leaves no
  // room on cloud-1 (4 CPUs), so a DaemonSet pod of 3 CPUs does not place there.
  EXPECT_EQ(shared.all_replicas_placeable(agent), all_replicas_placeable(s, agent, &bound));
  EXPECT_FALSE(shared.all_replicas_placeable(agent));
  std::vector<model::Container> containers = agent.tmpl.spec.containers;
  containers.at(0).cpu_request_milli = 1000;
  agent.tmpl.spec.containers = containers;
  EXPECT_EQ(shared.all_replicas_placeable(agent), all_replicas_placeable(s, agent, &bound));
  EXPECT_TRUE(shared.all_replicas_placeable(agent));
}

}  // namespace placed_cluster_test
}  // namespace hybridctl::analysis::placement
