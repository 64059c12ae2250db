// Pins Analyses::replica_odds and with_hybrid_zones: HN005's placements
// from scratch are simulated once per workload content (an equal copy a fix
// proposes shares the simulation), follow --runs, and can be asked on the
// snapshot as HN006's fix leaves it.
#include <gtest/gtest.h>

#include "analysis/placement/placement.h"
#include "analysis/snapshot_support.h"

namespace hybridctl::testing {
namespace replica_odds_test {

std::string node(const std::string& name, const std::string& labels) {
  return "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels: {" + labels +
         "}\nstatus:\n  allocatable: {cpu: \"4\", memory: 16Gi, pods: \"110\"}\n"
         "  conditions: [{type: Ready, status: \"True\"}]\n---\n";
}

// One cloud zone and two hybrid nodes without a zone label (HN006's case).
std::string unzoned_hybrid_cluster() {
  return node("ip-10-0-1-10.us-west-2.compute.internal",
              "topology.kubernetes.io/zone: us-west-2a, eks.amazonaws.com/compute-type: ec2") +
         node("mi-0a1b2c3d4e5f60001", "eks.amazonaws.com/compute-type: hybrid") +
         node("mi-0a1b2c3d4e5f60002", "eks.amazonaws.com/compute-type: hybrid");
}

// Two replicas, one per zone (DoNotSchedule): a node without the zone label
// is no domain of the spread, so the replicas can only go where zones are.
const char* kZoneSpreadDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: dns, namespace: kube-system}
spec:
  replicas: 2
  selector: {matchLabels: {k8s-app: dns}}
  template:
    metadata: {labels: {k8s-app: dns}}
    spec:
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule,
         labelSelector: {matchLabels: {k8s-app: dns}}}
      containers: [{name: c, image: coredns, resources: {requests: {cpu: 100m}}}]
)";

TEST(ReplicaOdds, AnEqualCopyOfTheWorkloadSharesOneSimulationAndAChangedCopyGetsItsOwn) {
  auto d = decode_cluster(unzoned_hybrid_cluster() + kZoneSpreadDeployment);
  const model::Workload& dns = *d->snapshot.workload(model::WorkloadKind::Deployment, "kube-system", "dns");
  const analysis::placement::ReplicaOdds& first = d->analyses->replica_odds(dns, 20);
  model::Workload copy = dns;  // what a rule's fix proposes, before it changes anything
  EXPECT_EQ(&d->analyses->replica_odds(copy, 20), &first);
  copy.replicas = 3;
  EXPECT_NE(&d->analyses->replica_odds(copy, 20), &first);
  // The memo holds what the simulation says.
  analysis::placement::ReplicaOdds direct = analysis::placement::place_alone(d->snapshot, dns, 1, 20);
  EXPECT_EQ(first.runs, 20);
  EXPECT_DOUBLE_EQ(first.all_in_cloud, direct.all_in_cloud);
  EXPECT_DOUBLE_EQ(first.both_sides, direct.both_sides);
  EXPECT_EQ(first.guaranteed_both_sides, direct.guaranteed_both_sides);
}

TEST(ReplicaOdds, RunsGivenOnTheCommandLineWinOverTheRulesDefault) {
  auto d = decode_cluster(unzoned_hybrid_cluster() + kZoneSpreadDeployment);
  analysis::Analyses with_runs(d->snapshot, 1, 7);
  EXPECT_EQ(
      with_runs.replica_odds(*d->snapshot.workload(model::WorkloadKind::Deployment, "kube-system", "dns"), 400).runs,
      7);
}

TEST(ReplicaOdds, OnTheSnapshotAsHn006sFixLeavesItTheUnzonedHybridNodesCountAsAZone) {
  auto d = decode_cluster(unzoned_hybrid_cluster() + kZoneSpreadDeployment);
  const model::Workload& dns = *d->snapshot.workload(model::WorkloadKind::Deployment, "kube-system", "dns");
  // Unlabelled, the hybrid nodes are no zone: both replicas stay in the cloud.
  EXPECT_DOUBLE_EQ(d->analyses->replica_odds(dns, 20).all_in_cloud, 1.0);
  // Labelled `onprem`, the spread puts one replica there in every run.
  const analysis::placement::ReplicaOdds& labelled = d->analyses->replica_odds(dns, 20, "onprem");
  EXPECT_DOUBLE_EQ(labelled.both_sides, 1.0);
  EXPECT_TRUE(labelled.guaranteed_both_sides);
}

TEST(WithHybridZones, LabelsOnlyTheUnzonedHybridNodesOnACopyMemoisedByZone) {
  auto d = decode_cluster(
      unzoned_hybrid_cluster() +
      node("mi-0a1b2c3d4e5f60009", "topology.kubernetes.io/zone: dc9, eks.amazonaws.com/compute-type: hybrid"));
  const model::Snapshot& labelled = d->analyses->with_hybrid_zones("onprem-dc1");
  EXPECT_EQ(&d->analyses->with_hybrid_zones("onprem-dc1"), &labelled);
  EXPECT_NE(&d->analyses->with_hybrid_zones("onprem-dc2"), &labelled);
  EXPECT_EQ(labelled.node("mi-0a1b2c3d4e5f60001")->zone(), "onprem-dc1");
  EXPECT_EQ(labelled.node("mi-0a1b2c3d4e5f60009")->zone(), "dc9");  // a zoned hybrid node keeps its own
  EXPECT_EQ(labelled.node("ip-10-0-1-10.us-west-2.compute.internal")->zone(), "us-west-2a");
  EXPECT_EQ(d->snapshot.node("mi-0a1b2c3d4e5f60001")->zone(), "");  // the snapshot itself is not changed
}

}  // namespace replica_odds_test
}  // namespace hybridctl::testing
