// End to end through `hybridctl traffic -o json` on kube-dns in a mixed
// cluster (issue 5's acceptance): one replica on a hybrid node in zone onprem,
// one on a cloud node in us-west-2a.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <map>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace traffic_cli_test {

std::string fixture(const std::string& name) { return source_dir() + "/tests/traffic/fixtures/" + name; }

struct RouteOut {
  std::vector<std::string> endpoints;
  std::map<std::string, double> to_zones;
};

struct ServiceOut {
  double cloud_to_hybrid = -1, hybrid_to_cloud = -1;
  std::map<std::string, RouteOut> zone_routes;            // routes without fromNode, by fromZone
  std::map<std::string, RouteOut> node_routes;            // routes with fromNode, by node
  std::map<std::string, std::string> expected_zone_hint;  // address → first expected forZones ("" = null)
  bool ambiguous = false;
};

ServiceOut kube_dns(const std::vector<std::string>& files, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"traffic", "-o", "json"};
  for (const auto& f : files) args.push_back(fixture(f));
  args.insert(args.end(), extra.begin(), extra.end());
  CliResult r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ServiceOut out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(r.out).get(doc) != simdjson::SUCCESS) {
    ADD_FAILURE() << "not JSON: " << r.out;
    return out;
  }
  for (simdjson::dom::element s : doc["services"].get_array()) {
    if (std::string_view(s["name"].get_string().value()) != "kube-dns") continue;
    out.cloud_to_hybrid = s["crossEnvironmentShare"]["cloudToHybrid"].get_double().value();
    out.hybrid_to_cloud = s["crossEnvironmentShare"]["hybridToCloud"].get_double().value();
    out.ambiguous = s["expectedHintsAmbiguous"].get_bool().value();
    for (simdjson::dom::element e : s["endpoints"].get_array()) {
      std::string address(e["address"].get_string().value());
      simdjson::dom::element hints = e["expectedHints"];
      std::string zone;
      if (!hints.is_null()) zone = std::string(hints["forZones"].at(0).get_string().value());
      out.expected_zone_hint[address] = zone;
    }
    for (simdjson::dom::element route : s["routes"].get_array()) {
      RouteOut ro;
      for (simdjson::dom::element e : route["endpoints"].get_array()) ro.endpoints.emplace_back(e.get_string().value());
      for (auto [zone, share] : route["toZones"].get_object())
        ro.to_zones[std::string(zone)] = share.get_double().value();
      std::string_view node;
      if (route["fromNode"].get(node) == simdjson::SUCCESS) {
        out.node_routes[std::string(node)] = ro;
      } else {
        out.zone_routes[std::string(route["fromZone"].get_string().value())] = ro;
      }
    }
  }
  return out;
}

constexpr const char* kHybridNode = "mi-0a1b2c3d4e5f";
constexpr const char* kCloudNode = "ip-192-168-10-5.us-west-2.compute.internal";

TEST(TrafficCli, WithoutTrafficDistributionOnPremClientsSendHalfToTheCloud) {
  ServiceOut s = kube_dns({"nodes.yaml", "coredns-onprem.yaml", "coredns-cloud.yaml", "kube-dns-service.yaml"});
  EXPECT_DOUBLE_EQ(s.hybrid_to_cloud, 0.5);
  EXPECT_DOUBLE_EQ(s.cloud_to_hybrid, 0.5);
  ASSERT_TRUE(s.zone_routes.contains("onprem"));
  EXPECT_EQ(s.zone_routes["onprem"].to_zones, (std::map<std::string, double>{{"onprem", 0.5}, {"us-west-2a", 0.5}}));
  EXPECT_EQ(s.expected_zone_hint["10.85.1.53"], "");
}

TEST(TrafficCli, WithPreferCloseOnPremClientsStayOnPrem) {
  ServiceOut s =
      kube_dns({"nodes.yaml", "coredns-onprem.yaml", "coredns-cloud.yaml", "kube-dns-service-preferclose.yaml"});
  EXPECT_DOUBLE_EQ(s.hybrid_to_cloud, 0.0);
  EXPECT_DOUBLE_EQ(s.cloud_to_hybrid, 0.0);
  EXPECT_EQ(s.zone_routes["onprem"].endpoints, std::vector<std::string>{"10.85.1.53"});
  EXPECT_EQ(s.zone_routes["us-west-2a"].endpoints, std::vector<std::string>{"192.168.10.53"});
  EXPECT_EQ(s.expected_zone_hint["10.85.1.53"], "onprem");
  EXPECT_EQ(s.expected_zone_hint["192.168.10.53"], "us-west-2a");
}

TEST(TrafficCli, PreferCloseWithoutAnOnPremReplicaFallsBackToTheCloudEndpoint) {
  ServiceOut s = kube_dns({"nodes.yaml", "coredns-cloud.yaml", "kube-dns-service-preferclose.yaml"});
  EXPECT_DOUBLE_EQ(s.hybrid_to_cloud, 1.0);
  EXPECT_EQ(s.zone_routes["onprem"].endpoints, std::vector<std::string>{"192.168.10.53"});
  EXPECT_EQ(s.zone_routes["onprem"].to_zones, (std::map<std::string, double>{{"us-west-2a", 1.0}}));
}

TEST(TrafficCli, OneUnzonedHybridNodeMakesEveryZoneFallBack) {
  ServiceOut s = kube_dns({"nodes.yaml", "coredns-onprem.yaml", "coredns-cloud.yaml", "unzoned-hybrid-node.yaml",
                           "kube-dns-service-preferclose.yaml"});
  EXPECT_EQ(s.expected_zone_hint["10.85.2.53"], "");  // no zone, no hint
  for (const char* zone : {"onprem", "us-west-2a", ""}) {
    ASSERT_TRUE(s.zone_routes.contains(zone)) << zone;
    EXPECT_EQ(s.zone_routes[zone].endpoints.size(), 3u) << zone;
  }
  // Cloud clients: 2 of 3 endpoints are hybrid. Hybrid clients: 1 of 3 is in the cloud.
  EXPECT_NEAR(s.cloud_to_hybrid, 2.0 / 3.0, 1e-6);  // JSON numbers carry 6 digits
  EXPECT_NEAR(s.hybrid_to_cloud, 1.0 / 3.0, 1e-6);
}

TEST(TrafficCli, HybridNodesRunningCiliumWithoutServiceTopologyIgnoreTheHints) {
  ServiceOut s = kube_dns({"nodes.yaml", "coredns-onprem.yaml", "coredns-cloud.yaml",
                           "kube-dns-service-preferclose.yaml", "cilium-hybrid.yaml"});
  // Cloud nodes run kube-proxy and stay in their zone; the hybrid node gets a route of its own.
  EXPECT_EQ(s.zone_routes["us-west-2a"].endpoints, std::vector<std::string>{"192.168.10.53"});
  EXPECT_FALSE(s.zone_routes.contains("onprem"));
  ASSERT_TRUE(s.node_routes.contains(kHybridNode));
  EXPECT_EQ(s.node_routes[kHybridNode].endpoints.size(), 2u);
  EXPECT_DOUBLE_EQ(s.hybrid_to_cloud, 0.5);
  EXPECT_DOUBLE_EQ(s.cloud_to_hybrid, 0.0);
}

TEST(TrafficCli, CiliumWithServiceTopologyHonoursTheHints) {
  ServiceOut s = kube_dns({"nodes.yaml", "coredns-onprem.yaml", "coredns-cloud.yaml",
                           "kube-dns-service-preferclose.yaml", "cilium-hybrid-service-topology.yaml"});
  EXPECT_EQ(s.zone_routes["onprem"].endpoints, std::vector<std::string>{"10.85.1.53"});
  EXPECT_TRUE(s.node_routes.empty());
  EXPECT_DOUBLE_EQ(s.hybrid_to_cloud, 0.0);
}

TEST(TrafficCli, FromNodeAnswersForOneClientNode) {
  ServiceOut s = kube_dns({"nodes.yaml", "coredns-onprem.yaml", "coredns-cloud.yaml", "kube-dns-service.yaml"},
                          {"--from-node", kCloudNode, "--service", "kube-system/kube-dns"});
  EXPECT_TRUE(s.zone_routes.empty());
  ASSERT_EQ(s.node_routes.size(), 1u);
  EXPECT_EQ(s.node_routes[kCloudNode].endpoints.size(), 2u);
  EXPECT_DOUBLE_EQ(s.cloud_to_hybrid, 0.5);
}

TEST(TrafficCli, UnknownServiceOrNodeIsAUsageError) {
  CliResult r = run_cli({"traffic", fixture("nodes.yaml"), "--service", "kube-system/nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no Service kube-system/nope"), std::string::npos);
  r = run_cli({"traffic", fixture("nodes.yaml"), "--from-node", "nope"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(TrafficCli, WeightsFileWeighsTheClusterTotal) {
  std::string weights = "/tmp/hybridctl-traffic-weights-" + std::to_string(getpid());
  {
    std::ofstream f(weights);
    f << "# rates\nkube-system/kube-dns 10\n";
  }
  CliResult r = run_cli({"traffic", "-o", "json", fixture("nodes.yaml"), fixture("coredns-onprem.yaml"),
                         fixture("coredns-cloud.yaml"), fixture("kube-dns-service.yaml"), "--weights", weights});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(r.out);
  EXPECT_DOUBLE_EQ(doc["crossEnvironmentShare"]["hybridToCloud"].get_double().value(), 0.5);
  {
    std::ofstream f(weights);
    f << "kube-system/kube-dns ten\n";
  }
  r = run_cli({"traffic", fixture("nodes.yaml"), "--weights", weights});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("line 1"), std::string::npos) << r.err;
  std::remove(weights.c_str());
}

}  // namespace traffic_cli_test
}  // namespace hybridctl::testing
