// Pins analysis/traffic/prefer_close and its memos in Analyses: HN007's
// question "what would PreferClose change" is answered once per Service,
// from the same traffic model `hybridctl traffic` prints.
#include "analysis/traffic/prefer_close.h"

#include <gtest/gtest.h>

#include <thread>

#include "analysis/snapshot_support.h"
#include "report/traffic_report.h"

namespace hybridctl::testing {
namespace prefer_close_test {

namespace traffic = analysis::traffic;

std::string pod(const std::string& name, const std::string& node, const std::string& ip) {
  return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name +
         ", namespace: default, labels: {app: web}}\n"
         "spec: {nodeName: " +
         node + ", containers: [{name: c, image: nginx}]}\nstatus: {phase: Running, podIP: " + ip +
         ", conditions: [{type: Ready, status: \"True\"}]}\n---\n";
}

// A Deployment whose template carries `labels`, with `node_selector` (may be "").
std::string deployment(const std::string& name, const std::string& labels, const std::string& node_selector) {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name +
         ", namespace: default}\nspec:\n  replicas: 1\n  selector: {matchLabels: {" + labels +
         "}}\n  template:\n    metadata: {labels: {" + labels + "}}\n    spec:\n" +
         (node_selector.empty() ? "" : "      nodeSelector: {" + node_selector + "}\n") +
         "      containers: [{name: c, image: nginx}]\n---\n";
}

const char* kWebService =
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: default}\n"
    "spec: {selector: {app: web}, ports: [{port: 80}]}\n---\n";

// One ready endpoint in the cloud and one on premises: half of each side's connections cross.
std::string two_sided_web() {
  return std::string(kNodes) + "---\n" + pod("web-cloud", "ip-10-0-1-10.us-west-2.compute.internal", "10.0.1.53") +
         pod("web-onprem", "mi-0a1b2c3d4e5f60001", "10.85.1.53") + kWebService;
}

TEST(PreferCloseShares, ComputedOnceWhenTwoRulesAskFromTwoThreads) {
  auto d = decode_cluster(two_sided_web());
  const model::Service& web = *d->snapshot.service("default", "web");
  const traffic::CrossingShares* first = nullptr;
  const traffic::CrossingShares* second = nullptr;
  std::thread a([&] { first = &d->analyses->prefer_close_shares(web); });
  std::thread b([&] { second = &d->analyses->prefer_close_shares(web); });
  a.join();
  b.join();
  EXPECT_EQ(first, second) << "both askers get the one memoised answer";
  EXPECT_EQ(&d->analyses->prefer_close_shares(web), first);
}

TEST(PreferCloseShares, Hn007AndTrafficAgreeOnTheCrossingShareNow) {
  auto d = decode_cluster(two_sided_web());
  const model::Service& web = *d->snapshot.service("default", "web");
  const traffic::CrossingShares& shares = d->analyses->prefer_close_shares(web);
  // `hybridctl traffic --service default/web` builds its own context from the snapshot.
  traffic::TrafficContext context(traffic::TrafficInputs{d->snapshot});
  report::TrafficReport printed = report::build_traffic_report(context, &web, nullptr, std::nullopt);
  ASSERT_EQ(printed.services.size(), 1u);
  ASSERT_TRUE(shares.known);
  EXPECT_DOUBLE_EQ(shares.now_cloud_to_hybrid, printed.services[0].cloud_to_hybrid);
  EXPECT_DOUBLE_EQ(shares.now_hybrid_to_cloud, printed.services[0].hybrid_to_cloud);
  EXPECT_DOUBLE_EQ(shares.now_hybrid_to_cloud, 0.5);
  traffic::ServiceTraffic close = traffic::model_service(context, web, "PreferClose");
  EXPECT_DOUBLE_EQ(shares.close_cloud_to_hybrid, close.cloud_to_hybrid);
  EXPECT_DOUBLE_EQ(shares.close_hybrid_to_cloud, close.hybrid_to_cloud);
  EXPECT_DOUBLE_EQ(shares.close_hybrid_to_cloud, 0.0);
  EXPECT_FALSE(shares.nothing_to_gain());
  EXPECT_TRUE(shares.crosses_now());
}

TEST(PreferCloseShares, UnknownForAServiceWithoutEndpoints) {
  auto d = decode_cluster(std::string(kNodes) + "---\n" + kWebService);
  const traffic::CrossingShares& shares = d->analyses->prefer_close_shares(*d->snapshot.service("default", "web"));
  EXPECT_FALSE(shares.known);
  EXPECT_FALSE(shares.nothing_to_gain());
}

TEST(BackendSides, EndpointsOnBothSidesAreBothSides) {
  auto d = decode_cluster(two_sided_web());
  traffic::BackendSides sides = d->analyses->backend_sides(*d->snapshot.service("default", "web"));
  EXPECT_TRUE(sides.known);
  EXPECT_TRUE(sides.cloud);
  EXPECT_TRUE(sides.hybrid);
}

TEST(BackendSides, AWorkloadKeptInTheCloudIsPlaceableOnTheCloudSideOnly) {
  auto d = decode_cluster(std::string(kNodes) + "---\n" +
                          deployment("web", "app: web", "eks.amazonaws.com/compute-type: ec2") + kWebService);
  traffic::BackendSides sides = d->analyses->backend_sides(*d->snapshot.service("default", "web"));
  EXPECT_TRUE(sides.known);
  EXPECT_TRUE(sides.cloud);
  EXPECT_FALSE(sides.hybrid);
}

TEST(BackendSides, AServiceWithNoEndpointAndNoWorkloadIsUnknown) {
  auto d = decode_cluster(std::string(kNodes) + "---\n" + deployment("api", "app: api", "") + kWebService);
  EXPECT_FALSE(d->analyses->backend_sides(*d->snapshot.service("default", "web")).known);
}

TEST(SelectedWorkloads, EachTopWorkloadOnceInSnapshotOrder) {
  // Two Deployments the selector matches, and a ReplicaSet owned by the second.
  auto d = decode_cluster(std::string(kNodes) + "---\n" + deployment("b-web", "app: web", "") +
                          deployment("a-web", "app: web, tier: front", "") +
                          "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: a-web-5d8\n  namespace: default\n"
                          "  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: a-web, uid: u1}]\n"
                          "spec:\n  selector: {matchLabels: {app: web}}\n  template:\n"
                          "    metadata: {labels: {app: web, tier: front}}\n"
                          "    spec: {containers: [{name: c, image: nginx}]}\n---\n" +
                          kWebService);
  std::vector<const model::Workload*> selected =
      d->analyses->selected_workloads().of(*d->snapshot.service("default", "web"));
  ASSERT_EQ(selected.size(), 2u);
  EXPECT_EQ(selected[0]->meta.name, "b-web");
  EXPECT_EQ(selected[1]->meta.name, "a-web");
}

TEST(PlaceableSides, MemoisedPerWorkload) {
  auto d = decode_cluster(std::string(kNodes) + "---\n" + deployment("web", "app: web", ""));
  const model::Workload& web = d->snapshot.workloads.front();
  const traffic::BackendSides& sides = d->analyses->placeable_sides(web);
  EXPECT_EQ(&d->analyses->placeable_sides(web), &sides);
  EXPECT_TRUE(sides.cloud);
  EXPECT_TRUE(sides.hybrid);
}

}  // namespace prefer_close_test
}  // namespace hybridctl::testing
