// Pins src/analysis/traffic: endpoints from EndpointSlices or pods, expected
// hints per mechanism, routes per zone and node, data planes, and the
// cross-environment share.
#include "analysis/traffic/traffic_model.h"

#include <gtest/gtest.h>

#include "analysis/traffic/data_plane.h"
#include "analysis/traffic/service_weights.h"
#include "analysis/traffic/traffic_context.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"

namespace hybridctl::analysis::traffic {
namespace traffic_model_test {

struct Cluster {
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  explicit Cluster(const std::string& yaml) {
    snapshot.files.push_back("inline.yaml");
    decode::ObjectDecoder decoder(snapshot, diagnostics);
    static const std::string path = "inline.yaml";
    decode::read_yaml(yaml, 0, path,
                      [&](Value&& v, const decode::DocumentContext& ctx) { decoder.decode_document(v, ctx); });
    snapshot.build_indexes();
    EXPECT_FALSE(diagnostics.has_errors());
  }
  const model::Service& service(const std::string& name) const { return *snapshot.service("default", name); }
};

std::string node(const std::string& name, const std::string& zone, bool hybrid) {
  std::string out = "apiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels:\n";
  if (!zone.empty()) out += "    topology.kubernetes.io/zone: " + zone + "\n";
  if (hybrid) out += "    eks.amazonaws.com/compute-type: hybrid\n";
  out += "    kubernetes.io/hostname: " + name + "\n";
  out +=
      "status:\n  allocatable: {cpu: \"4\"}\n  conditions: [{type: Ready, status: "
      "\"True\"}]\n---\n";
  return out;
}

std::string pod(const std::string& name, const std::string& node_name, const std::string& ip, bool ready = true) {
  return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name +
         ", namespace: default, labels: {app: web}}\n"
         "spec: {nodeName: " +
         node_name +
         ", containers: [{name: c, image: nginx}]}\n"
         "status: {phase: Running, podIP: " +
         ip + ", conditions: [{type: Ready, status: \"" + (ready ? "True" : "False") + "\"}]}\n---\n";
}

std::string service(const std::string& spec_extra, const std::string& annotations = "") {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: default\n" +
         (annotations.empty() ? "" : "  annotations: {" + annotations + "}\n") +
         "spec:\n  selector: {app: web}\n  ports: [{port: 80}]\n" + spec_extra + "---\n";
}

// Two cloud zones with one node each, one on-prem zone with two hybrid nodes.
std::string mixed_nodes() {
  return node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false) +
         node("hybrid-1", "onprem", true) + node("hybrid-2", "onprem", true);
}

const Route* zone_route(const ServiceTraffic& st, const std::string& zone) {
  for (const Route& r : st.routes) {
    if (r.from_zone == zone && r.from_node.empty()) return &r;
  }
  return nullptr;
}

const Route* node_route(const ServiceTraffic& st, const std::string& node_name) {
  for (const Route& r : st.routes) {
    if (r.from_node == node_name) return &r;
  }
  return nullptr;
}

TEST(TrafficModel, PreferCloseZoneWithoutEndpointsUsesEveryEndpoint) {
  // CLI.md's example: us-west-2b has no endpoint, so its clients spread over all of them.
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            service("  trafficDistribution: PreferClose\n"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  EXPECT_EQ(st.mechanism, HintsMechanism::TrafficDistribution);
  const Route* b = zone_route(st, "us-west-2b");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->endpoints.size(), 2u);
  EXPECT_TRUE(b->fell_back_to_all);
  EXPECT_EQ(b->why, "no endpoint is hinted for zone us-west-2b");
  EXPECT_DOUBLE_EQ(b->to_zones.at("onprem"), 0.5);
  // Two cloud nodes: one stays in us-west-2a, one sends half on-prem.
  EXPECT_DOUBLE_EQ(st.cloud_to_hybrid, 0.25);
  EXPECT_DOUBLE_EQ(st.hybrid_to_cloud, 0.0);
  ASSERT_NE(zone_route(st, "onprem"), nullptr);
  EXPECT_EQ(zone_route(st, "onprem")->hybrid_clients, 2u);
}

TEST(TrafficModel, KubeProxyOlderThan131IsEachNodesDataPlaneAndIgnoresTrafficDistributionHints) {
  // The kube-proxy DaemonSet's image says which release runs on the nodes: a 1.30
  // kube-proxy reads hints only with the topology annotation, so every zone, the
  // one with its own endpoint included, spreads over every endpoint.
  std::string kube_proxy =
      "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy, namespace: kube-system}\nspec:\n"
      "  selector: {matchLabels: {k8s-app: kube-proxy}}\n  template:\n    metadata: {labels: {k8s-app: "
      "kube-proxy}}\n    spec:\n      tolerations: [{operator: Exists}]\n      containers: [{name: kube-proxy, "
      "image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:v1.30.6-minimal-eksbuild.3}]\n---\n";
  Cluster c(mixed_nodes() + kube_proxy + pod("web-a", "cloud-a", "192.168.10.53") +
            pod("web-b", "cloud-b", "192.168.20.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            service("  trafficDistribution: PreferClose\n"));
  EXPECT_EQ(data_planes(c.snapshot), std::vector<DataPlane>(4, DataPlane::KubeProxyBeforeTrafficDistribution));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  const Route* onprem = zone_route(st, "onprem");
  ASSERT_NE(onprem, nullptr);
  EXPECT_EQ(onprem->endpoints.size(), 3u);
  EXPECT_EQ(onprem->why, "kube-proxy of this release reads hints only with the topology annotation");
  EXPECT_GT(st.cloud_to_hybrid, 0.3);
}

TEST(TrafficModel, ZoneMatrixRowsSumToOne) {
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            service(""));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  ZoneMatrix m = zone_matrix(st);
  ASSERT_EQ(m.size(), 3u);
  for (const auto& [from, row] : m) {
    double sum = 0;
    for (const auto& [to, share] : row) sum += share;
    EXPECT_DOUBLE_EQ(sum, 1.0) << from;
    EXPECT_DOUBLE_EQ(row.at("onprem"), 0.5) << from;
  }
}

TEST(TrafficModel, ObservedSlicesDriveRoutesAndExpectedHintsShowWhatTheControllerWouldWrite) {
  // The slice carries no hints yet (e.g. written before PreferClose was set): kube-proxy
  // reads them as they are. A missing ready condition is ready for kube-proxy.
  Cluster c(mixed_nodes() + service("  trafficDistribution: PreferClose\n") +
            "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
            "metadata: {name: web-abc, namespace: default, labels: {kubernetes.io/service-name: web}}\n"
            "addressType: IPv4\nendpoints:\n"
            "- {addresses: [10.85.1.53], nodeName: hybrid-1, zone: onprem, conditions: {ready: true}}\n"
            "- {addresses: [192.168.10.53], nodeName: cloud-a, zone: us-west-2a}\n");
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  ASSERT_TRUE(st.endpoints_from_slices);
  ASSERT_EQ(st.endpoints.size(), 2u);
  EXPECT_TRUE(st.endpoints[1].ready);
  EXPECT_FALSE(st.endpoints[1].controller_ready);
  ASSERT_TRUE(st.endpoints[0].expected_hints.has_value());
  EXPECT_EQ(st.endpoints[0].expected_hints->for_zones, std::vector<std::string>{"onprem"});
  EXPECT_FALSE(st.endpoints[1].expected_hints.has_value());  // not ready for the controller
  EXPECT_FALSE(st.endpoints[0].observed_hints.has_value());
  EXPECT_EQ(zone_route(st, "onprem")->endpoints.size(), 2u);
  EXPECT_DOUBLE_EQ(st.hybrid_to_cloud, 0.5);
}

TEST(TrafficModel, OverrideTrafficDistributionShowsTheShareItWouldRemove) {
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            service(""));
  TrafficContext context(TrafficInputs{c.snapshot});
  ServiceTraffic now = model_service(context, c.service("web"));
  ServiceTraffic close = model_service(context, c.service("web"), "PreferClose");
  EXPECT_DOUBLE_EQ(now.hybrid_to_cloud, 0.5);
  EXPECT_DOUBLE_EQ(close.hybrid_to_cloud, 0.0);
  EXPECT_TRUE(close.routes_use_expected_hints);
  EXPECT_EQ(close.traffic_distribution, "PreferClose");
}

TEST(TrafficModel, InternalTrafficPolicyLocalDropsTrafficOnNodesWithoutAnEndpoint) {
  Cluster c(mixed_nodes() + pod("web-h", "hybrid-1", "10.85.1.53") + service("  internalTrafficPolicy: Local\n"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  const Route* own = node_route(st, "hybrid-1");
  ASSERT_NE(own, nullptr);
  EXPECT_EQ(own->endpoints, std::vector<std::string>{"10.85.1.53"});
  const Route* onprem = zone_route(st, "onprem");
  ASSERT_NE(onprem, nullptr);  // hybrid-2: no local endpoint
  EXPECT_TRUE(onprem->endpoints.empty());
  EXPECT_EQ(onprem->hybrid_clients, 1u);
  EXPECT_EQ(onprem->why, "internalTrafficPolicy Local and no endpoint on this node: dropped");
}

TEST(TrafficModel, PreferSameNodeGivesHostingNodesARouteOfTheirOwn) {
  Cluster c(mixed_nodes() + pod("web-h", "hybrid-1", "10.85.1.53") + pod("web-h2", "hybrid-2", "10.85.2.53") +
            pod("web-a", "cloud-a", "192.168.10.53") + service("  trafficDistribution: PreferSameNode\n"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  ASSERT_NE(node_route(st, "hybrid-1"), nullptr);
  EXPECT_EQ(node_route(st, "hybrid-1")->endpoints, std::vector<std::string>{"10.85.1.53"});
  EXPECT_EQ(node_route(st, "hybrid-1")->why, "node hints for this node");
  // cloud-b hosts nothing and its zone has no endpoint: every endpoint.
  EXPECT_EQ(zone_route(st, "us-west-2b")->endpoints.size(), 3u);
}

TEST(TrafficModel, HeadlessServicesGetEveryReadyEndpointFromDns) {
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            pod("web-x", "hybrid-2", "10.85.2.53", false) +
            service("  clusterIP: None\n  trafficDistribution: PreferClose\n"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  const Route* onprem = zone_route(st, "onprem");
  ASSERT_NE(onprem, nullptr);
  EXPECT_EQ(onprem->endpoints, (std::vector<std::string>{"192.168.10.53", "10.85.1.53"}));
  EXPECT_EQ(onprem->why, "headless: DNS returns every ready endpoint; hints do not apply");
}

TEST(TrafficModel, SimulatedPodsBecomeEndpoints) {
  Cluster c(mixed_nodes() + service("  trafficDistribution: PreferClose\n"));
  std::vector<model::Pod> placed(2);
  placed[0].meta = {"web-0", "default", "", {{"app", "web"}}, {}, {}, false};
  placed[0].spec.node_name = "hybrid-2";
  placed[1].meta = {"web-1", "default", "", {{"app", "web"}}, {}, {}, false};
  placed[1].spec.node_name = "cloud-b";
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot, placed}, c.service("web"));
  ASSERT_EQ(st.endpoints.size(), 2u);
  EXPECT_EQ(st.endpoints[0].address, "web-0");  // no IP yet: named after the pod
  EXPECT_EQ(st.endpoints[0].pod, &placed[0]);
  EXPECT_EQ(st.endpoints[0].environment, model::Environment::Hybrid);
  EXPECT_EQ(zone_route(st, "onprem")->endpoints, std::vector<std::string>{"web-0"});
}

TEST(TrafficModel, UnreadyPodsAreNotReadyEndpointsUnlessPublished) {
  Cluster c(mixed_nodes() + pod("web-x", "hybrid-2", "10.85.2.53", false) + service(""));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  ASSERT_EQ(st.endpoints.size(), 1u);
  EXPECT_FALSE(st.endpoints[0].ready);
  EXPECT_FALSE(st.endpoints[0].serving);
  Cluster published(mixed_nodes() + pod("web-x", "hybrid-2", "10.85.2.53", false) +
                    service("  publishNotReadyAddresses: true\n"));
  ServiceTraffic pst = model_service(TrafficInputs{published.snapshot}, published.service("web"));
  EXPECT_TRUE(pst.endpoints[0].ready);
}

TEST(TrafficModel, TopologyAutoBorrowsCloudEndpointsForTheOnPremZone) {
  // Equal CPU in three zones, all endpoints in the cloud: each cloud zone gives one endpoint
  // to onprem, whose clients are then sent to the cloud.
  Cluster c(node("cloud-a", "us-west-2a", false) + node("cloud-b", "us-west-2b", false) +
            node("hybrid-1", "onprem", true) + pod("a1", "cloud-a", "192.168.1.1") +
            pod("a2", "cloud-a", "192.168.1.2") + pod("b1", "cloud-b", "192.168.2.1") +
            pod("b2", "cloud-b", "192.168.2.2") + pod("a3", "cloud-a", "192.168.1.3") +
            pod("b3", "cloud-b", "192.168.2.3") + service("", "service.kubernetes.io/topology-mode: Auto"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  EXPECT_EQ(st.mechanism, HintsMechanism::TopologyAuto);
  EXPECT_EQ(st.hints_removed_reason, "");
  const Route* onprem = zone_route(st, "onprem");
  ASSERT_NE(onprem, nullptr);
  EXPECT_EQ(onprem->endpoints.size(), 2u);
  EXPECT_DOUBLE_EQ(st.hybrid_to_cloud, 1.0);
}

TEST(TrafficModel, TopologyAutoUnzonedNodeRemovesHints) {
  Cluster c(mixed_nodes() + node("hybrid-3", "", true) + pod("a1", "cloud-a", "192.168.1.1") +
            pod("b1", "cloud-b", "192.168.2.1") + pod("h1", "hybrid-1", "10.85.1.1") +
            service("", "service.kubernetes.io/topology-mode: Auto"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  EXPECT_NE(st.hints_removed_reason.find("node hybrid-3"), std::string::npos) << st.hints_removed_reason;
  for (const EndpointView& e : st.endpoints) EXPECT_FALSE(e.expected_hints.has_value());
}

TEST(TrafficModel, OldClusterVersionHasNoPreferClose) {
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + service("  trafficDistribution: PreferClose\n"));
  c.snapshot.facts.kubernetes_version = "1.30";
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  EXPECT_EQ(st.mechanism, HintsMechanism::None);
  EXPECT_FALSE(st.endpoints[0].expected_hints.has_value());
}

TEST(TrafficModel, CiliumNodeObjectsMarkCiliumNodesAndKubeProxyReplacementFalseKeepsKubeProxy) {
  std::string cilium_node = "apiVersion: cilium.io/v2\nkind: CiliumNode\nmetadata: {name: hybrid-1}\n---\n";
  Cluster c(mixed_nodes() + cilium_node);
  std::vector<DataPlane> planes = data_planes(c.snapshot);
  EXPECT_EQ(planes[2], DataPlane::CiliumIgnoresHints);
  EXPECT_EQ(planes[3], DataPlane::KubeProxy);
  Cluster kpr(mixed_nodes() + cilium_node +
              "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-config, namespace: kube-system}\n"
              "data: {kube-proxy-replacement: \"false\"}\n");
  EXPECT_EQ(data_planes(kpr.snapshot)[2], DataPlane::KubeProxy);
}

TEST(TrafficModel, CiliumDaemonSetRunsOnCordonedNodesLikeEveryDaemonPod) {
  // No toleration in the template: the DaemonSet controller adds the unschedulable one.
  Cluster c(mixed_nodes() +
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: cilium, namespace: kube-system}\n"
            "spec:\n  selector: {matchLabels: {k8s-app: cilium}}\n  template:\n"
            "    metadata: {labels: {k8s-app: cilium}}\n"
            "    spec:\n      nodeSelector: {eks.amazonaws.com/compute-type: hybrid}\n"
            "      containers: [{name: agent, image: cilium}]\n---\n");
  c.snapshot.nodes[3].unschedulable = true;
  std::vector<DataPlane> planes = data_planes(c.snapshot);
  EXPECT_EQ(planes[0], DataPlane::KubeProxy);
  EXPECT_EQ(planes[2], DataPlane::CiliumIgnoresHints);
  EXPECT_EQ(planes[3], DataPlane::CiliumIgnoresHints);
}

TEST(TrafficModel, RouteFromNodeIsWhatThatNodeUses) {
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            service("  trafficDistribution: PreferClose\n"));
  TrafficInputs in{c.snapshot};
  ServiceTraffic st = model_service(in, c.service("web"));
  Route r = route_from_node(in, st, *c.snapshot.node("hybrid-2"));
  EXPECT_EQ(r.from_node, "hybrid-2");
  EXPECT_EQ(r.from_zone, "onprem");
  EXPECT_EQ(r.endpoints, std::vector<std::string>{"10.85.1.53"});
  EXPECT_EQ(r.hybrid_clients, 1u);
}

TEST(TrafficModel, NarrowedToOneClientNodeTheServiceHasThatNodesRouteAndItsCrossingShare) {
  // No trafficDistribution: each node's kube-proxy spreads over both endpoints.
  Cluster c(mixed_nodes() + pod("web-a", "cloud-a", "192.168.10.53") + pod("web-h", "hybrid-1", "10.85.1.53") +
            service(""));
  TrafficContext context(TrafficInputs{c.snapshot});
  ServiceTraffic from_hybrid = model_service(context, c.service("web"));
  ASSERT_GT(from_hybrid.routes.size(), 1u);
  narrow_to_client(context, from_hybrid, *c.snapshot.node("hybrid-2"));
  ASSERT_EQ(from_hybrid.routes.size(), 1u);
  EXPECT_EQ(from_hybrid.routes[0].from_node, "hybrid-2");
  EXPECT_DOUBLE_EQ(from_hybrid.hybrid_to_cloud, 0.5);
  EXPECT_DOUBLE_EQ(from_hybrid.cloud_to_hybrid, 0.0);  // no cloud client in a hybrid node's view

  ServiceTraffic from_cloud = model_service(context, c.service("web"));
  narrow_to_client(context, from_cloud, *c.snapshot.node("cloud-a"));
  EXPECT_DOUBLE_EQ(from_cloud.cloud_to_hybrid, 0.5);
  EXPECT_DOUBLE_EQ(from_cloud.hybrid_to_cloud, 0.0);
}

TEST(TrafficModel, ServingTerminatingEndpointsWhenNothingIsReady) {
  Cluster c(mixed_nodes() + service("") +
            "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
            "metadata: {name: web-abc, namespace: default, labels: {kubernetes.io/service-name: web}}\n"
            "addressType: IPv4\nendpoints:\n"
            "- {addresses: [10.85.1.53], nodeName: hybrid-1, zone: onprem,"
            " conditions: {ready: false, serving: true, terminating: true}}\n"
            "- {addresses: [192.168.10.53], nodeName: cloud-a, zone: us-west-2a, conditions: {ready: "
            "false}}\n");
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  const Route* a = zone_route(st, "us-west-2a");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->endpoints, std::vector<std::string>{"10.85.1.53"});
  EXPECT_EQ(a->why, "no ready endpoint anywhere: serving terminating endpoints");
}

TEST(TrafficModel, DualStackRoutesFollowThePrimaryFamily) {
  std::string slice =
      "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\n"
      "metadata: {name: web-FAMILY, namespace: default, labels: {kubernetes.io/service-name: web}}\n"
      "addressType: FAMILY\nendpoints:\n- {addresses: [ADDR], nodeName: hybrid-1, zone: onprem}\n---\n";
  auto with = [&](const std::string& family, const std::string& addr) {
    std::string s = slice;
    for (auto [from, to] : {std::pair{std::string("FAMILY"), family}, {std::string("ADDR"), addr}}) {
      for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
    }
    return s;
  };
  Cluster c(mixed_nodes() + service("") + with("IPv6", "\"fd00::53\"") + with("IPv4", "10.85.1.53"));
  ServiceTraffic st = model_service(TrafficInputs{c.snapshot}, c.service("web"));
  ASSERT_EQ(st.endpoints.size(), 2u);
  EXPECT_EQ(zone_route(st, "onprem")->endpoints, std::vector<std::string>{"10.85.1.53"});
}

TEST(TrafficModel, ExternalNameServicesAreNotModelled) {
  Cluster c(mixed_nodes() +
            "apiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: default}\n"
            "spec: {type: ExternalName, externalName: example.com}\n---\n" +
            service(""));
  std::vector<ServiceTraffic> all = model_traffic(TrafficInputs{c.snapshot});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].service->meta.name, "web");
}

TEST(ServiceWeights, ParsesRatesCommentsAndBlankLines) {
  std::string error;
  auto w = parse_service_weights("# rates\n\nkube-system/kube-dns 1200\nshop/checkout\t35.5  # peak\n", error);
  ASSERT_TRUE(w) << error;
  EXPECT_DOUBLE_EQ(w->rates.at("kube-system/kube-dns"), 1200);
  EXPECT_DOUBLE_EQ(w->rates.at("shop/checkout"), 35.5);
}

TEST(ServiceWeights, RejectsMalformedLinesWithTheirNumber) {
  std::string error;
  EXPECT_FALSE(parse_service_weights("a/b 1\nkube-dns 3\n", error));
  EXPECT_EQ(error, "line 2: \"kube-dns\" is not NAMESPACE/NAME");
  EXPECT_FALSE(parse_service_weights("a/b -1\n", error));
  EXPECT_FALSE(parse_service_weights("a/b 1\na/b 2\n", error));
  EXPECT_EQ(error, "line 2: a/b is listed twice");
  EXPECT_FALSE(parse_service_weights("a/b\n", error));
  EXPECT_FALSE(parse_service_weights("a/b/c 1\n", error));
}

TEST(ServiceWeights, ClusterShareIsWeightedByRate) {
  model::Service a, b;
  a.meta.ns = b.meta.ns = "x";
  a.meta.name = "a";
  b.meta.name = "b";
  std::vector<ServiceTraffic> services(3);
  services[0].endpoints.resize(1);
  services[1].endpoints.resize(1);
  services[2].service = &a;  // no endpoints: left out of the equal mean
  services[2].hybrid_to_cloud = 0.0;
  services[0].service = &a;
  services[0].hybrid_to_cloud = 1.0;
  services[1].service = &b;
  services[1].hybrid_to_cloud = 0.0;
  EXPECT_DOUBLE_EQ(cluster_share(services, nullptr).hybrid_to_cloud, 0.5);
  std::string error;
  services.pop_back();
  auto w = parse_service_weights("x/a 3\nx/b 1\n", error);
  EXPECT_DOUBLE_EQ(cluster_share(services, &*w).hybrid_to_cloud, 0.75);
}

}  // namespace traffic_model_test
}  // namespace hybridctl::analysis::traffic
