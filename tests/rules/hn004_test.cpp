// HN004: cloud clients sent by kube-proxy (or DNS, for headless Services) to
// endpoints on hybrid nodes whose pod network the VPC cannot reach. Every case
// is judged through the traffic model: kube-proxy picks uniformly among the
// endpoints it chose (pkg/proxy/topology.go CategorizeEndpoints), and a zone
// without a hinted endpoint falls back to all of them.
#include <gtest/gtest.h>

#include <memory>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn004_test {

// Two cloud zones and one on-premises zone, one node each, with the InternalIPs
// hostNetwork endpoints are reached at.
std::string node(const std::string& name, const std::string& zone, const std::string& ip, bool hybrid) {
  std::string out = "---\napiVersion: v1\nkind: Node\nmetadata:\n  name: " + name + "\n  labels:\n";
  if (!zone.empty()) out += "    topology.kubernetes.io/zone: " + zone + "\n";
  if (hybrid) out += "    eks.amazonaws.com/compute-type: hybrid\n";
  return out + "status:\n  addresses: [{type: InternalIP, address: " + ip +
         "}]\n  allocatable: {cpu: \"4\"}\n  conditions: [{type: Ready, status: \"True\"}]\n";
}

std::string mixed_nodes() {
  return node("cloud-a", "us-west-2a", "192.168.10.11", false) + node("cloud-b", "us-west-2b", "192.168.20.12", false) +
         node("hybrid-1", "onprem", "10.80.0.11", true);
}

std::string service(const std::string& spec_extra = "") {
  return "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n"
         "  ports: [{port: 80}]\n" +
         spec_extra;
}

// One EndpointSlice endpoint: `hint` "" for none.
std::string endpoint(const std::string& ip, const std::string& node_name, const std::string& zone,
                     const std::string& hint = "", const std::string& conditions = "{ready: true}") {
  std::string out = "- addresses: [" + ip + "]\n  nodeName: " + node_name + "\n  zone: " + zone +
                    "\n  conditions: " + conditions + "\n";
  if (!hint.empty()) out += "  hints: {forZones: [{name: " + hint + "}]}\n";
  return out;
}

std::string slice(const std::string& endpoints) {
  return "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: web-x1\n  namespace: shop\n"
         "  labels: {kubernetes.io/service-name: web}\naddressType: IPv4\nendpoints:\n" +
         endpoints;
}

std::string pod(const std::string& name, const std::string& node_name, const std::string& ip,
                const std::string& spec_extra = "") {
  return "---\napiVersion: v1\nkind: Pod\nmetadata: {name: " + name +
         ", namespace: shop, labels: {app: web}}\n"
         "spec:\n  nodeName: " +
         node_name + "\n  containers: [{name: c, image: example/web:1}]\n" + spec_extra +
         "status:\n  phase: Running\n  podIP: " + ip + "\n  conditions: [{type: Ready, status: \"True\"}]\n";
}

// The endpoints most cases share: one replica in us-west-2a, one on premises.
std::string cloud_a_and_hybrid(const std::string& hint_a = "", const std::string& hint_onprem = "") {
  return slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", hint_a) +
               endpoint("10.85.1.10", "hybrid-1", "onprem", hint_onprem));
}

std::vector<const rules::Finding*> hn004(const std::string& yaml,
                                         std::optional<model::PodNetwork> net = model::PodNetwork::Unroutable,
                                         const std::string& assume_nodes = "") {
  static std::vector<std::unique_ptr<Audit>> keep;  // findings point into their audit
  keep.push_back(std::make_unique<Audit>());
  run_audit(*keep.back(), yaml, assume_nodes, net);
  return keep.back()->of("HN004");
}

bool mentions(const rules::Finding* f, const std::string& text) { return f->message.find(text) != std::string::npos; }

// --- violating ---------------------------------------------------------------------------------

TEST(Hn004, NoTrafficDistributionSendsHalfOfEveryCloudZoneToTheUnroutableEndpoint) {
  auto fs = hn004(mixed_nodes() + service() + cloud_a_and_hybrid());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_EQ(fs[0]->object.kind, "Service");
  EXPECT_EQ(fs[0]->object.name, "web");
  EXPECT_TRUE(mentions(fs[0], "50% from us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "50% from us-west-2b")) << fs[0]->message;
  // The on-premises zone is a hybrid client: not a cloud share.
  EXPECT_FALSE(mentions(fs[0], "from onprem")) << fs[0]->message;
  EXPECT_FALSE(mentions(fs[0], "fall back")) << "no hints: nothing falls back, all endpoints is the rule";
}

TEST(Hn004, EndpointsDerivedFromRunningPodsAreJudgedLikeSlices) {
  auto fs = hn004(mixed_nodes() + service() + pod("web-1", "cloud-a", "192.168.10.20") +
                  pod("web-2", "hybrid-1", "10.85.1.10"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_TRUE(mentions(fs[0], "50% from us-west-2a")) << fs[0]->message;
}

TEST(Hn004, OnlyHybridEndpointsFailEveryCloudConnection) {
  auto fs = hn004(mixed_nodes() + service() + slice(endpoint("10.85.1.10", "hybrid-1", "onprem")));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "100% from us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "100% from us-west-2b")) << fs[0]->message;
}

TEST(Hn004, PreferCloseWithACloudZoneWithoutEndpointNamesTheZoneThatFallsBack) {
  // us-west-2a and onprem have hinted endpoints; us-west-2b has none, so its
  // kube-proxy ignores the hints and uses every endpoint (CategorizeEndpoints'
  // "no endpoint hinted for this zone" fallback).
  auto fs = hn004(mixed_nodes() + service("  trafficDistribution: PreferClose\n") +
                  cloud_a_and_hybrid("us-west-2a", "onprem"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_TRUE(mentions(fs[0], "50% from us-west-2b")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "(us-west-2b falls back to every endpoint: no endpoint is hinted for zone us-west-2b)"))
      << fs[0]->message;
  EXPECT_FALSE(mentions(fs[0], "us-west-2a")) << "us-west-2a keeps to its own endpoint: " << fs[0]->message;
}

TEST(Hn004, OneEndpointWithoutAHintVoidsPreferCloseInEveryZone) {
  // kube-proxy uses hints only when every ready endpoint has a zone hint: the
  // unhinted on-premises endpoint sends every cloud zone to every endpoint.
  auto fs = hn004(mixed_nodes() + service("  trafficDistribution: PreferClose\n") +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", "us-west-2a") +
                        endpoint("192.168.20.20", "cloud-b", "us-west-2b", "us-west-2b") +
                        endpoint("10.85.1.10", "hybrid-1", "onprem")));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "33% from us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "33% from us-west-2b")) << fs[0]->message;
  // The reason is the unhinted endpoint, not a zone without endpoints: us-west-2a has one.
  EXPECT_TRUE(mentions(fs[0],
                       "(us-west-2a, us-west-2b fall back to every endpoint: endpoint 10.85.1.10 has no zone "
                       "hint, so every hint is ignored)"))
      << fs[0]->message;
}

TEST(Hn004, CloudNodesWithoutAZoneFallBackAndAreNamedAsSuch) {
  // Unzoned cloud nodes are one client group of their own (zone ""): kube-proxy there finds no
  // hint for its zone and uses every endpoint; us-west-2a keeps to its own endpoint.
  std::string nodes = node("cloud-a", "us-west-2a", "192.168.10.11", false) +
                      node("cloud-x", "", "192.168.30.13", false) + node("hybrid-1", "onprem", "10.80.0.11", true);
  auto fs = hn004(nodes + service("  trafficDistribution: PreferClose\n") + cloud_a_and_hybrid("us-west-2a", "onprem"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "50% from nodes without a zone label fail")) << fs[0]->message;
  EXPECT_FALSE(mentions(fs[0], "from us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0],
                       "(nodes without a zone label fall back to every endpoint: the node has no "
                       "topology.kubernetes.io/zone label)"))
      << fs[0]->message;
}

TEST(Hn004, CiliumWithoutServiceTopologyIgnoresHintsOnEachCloudNode) {
  // Hints for every zone, but the cloud nodes run Cilium without enable-service-topology:
  // each such node is a route of its own and uses every endpoint.
  std::string cilium = R"(---
apiVersion: v1
kind: ConfigMap
metadata: {name: cilium-config, namespace: kube-system}
data: {kube-proxy-replacement: "true"}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium, namespace: kube-system}
spec:
  selector: {matchLabels: {k8s-app: cilium}}
  template:
    metadata: {labels: {k8s-app: cilium}}
    spec:
      hostNetwork: true
      containers: [{name: cilium-agent, image: quay.io/cilium/cilium:v1.16.5}]
)";
  auto fs = hn004(mixed_nodes() + cilium + service("  trafficDistribution: PreferClose\n") +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", "us-west-2a") +
                        endpoint("192.168.20.20", "cloud-b", "us-west-2b", "us-west-2b") +
                        endpoint("10.85.1.10", "hybrid-1", "onprem", "onprem")));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "33% from node cloud-a, 33% from node cloud-b")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0],
                       "(node cloud-a, node cloud-b fall back to every endpoint: Cilium without "
                       "enable-service-topology ignores hints)"))
      << fs[0]->message;
}

TEST(Hn004, HeadlessServiceWithAHybridEndpointIsAnError) {
  // DNS hands out every ready pod IP: no kube-proxy, no hints, even with PreferClose.
  auto fs = hn004(mixed_nodes() + service("  clusterIP: None\n  trafficDistribution: PreferClose\n") +
                  cloud_a_and_hybrid("us-west-2a", "onprem"));
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_TRUE(mentions(fs[0], "is headless")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "1 of them on hybrid nodes")) << fs[0]->message;
}

TEST(Hn004, UnknownRoutabilityIsOnlyAWarning) {
  // No --pod-network, no describe-cluster, no BGP: nothing says whether the VPC routes to the pods.
  auto fs = hn004(mixed_nodes() + service() + cloud_a_and_hybrid(), std::nullopt);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Warning);
  EXPECT_TRUE(mentions(fs[0], "could not be confirmed")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "50% from us-west-2a")) << fs[0]->message;
}

std::string kube_proxy_daemonset(const std::string& tag) {
  return "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy, namespace: kube-system}\nspec:\n"
         "  selector: {matchLabels: {k8s-app: kube-proxy}}\n  template:\n    metadata: {labels: {k8s-app: "
         "kube-proxy}}\n    spec:\n      hostNetwork: true\n      tolerations: [{operator: Exists}]\n"
         "      containers: [{name: kube-proxy, image: "
         "602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/kube-proxy:" +
         tag + "}]\n";
}

std::string prefer_close_in_every_zone() {
  return service("  trafficDistribution: PreferClose\n") +
         slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", "us-west-2a") +
               endpoint("192.168.20.20", "cloud-b", "us-west-2b", "us-west-2b") +
               endpoint("10.85.1.10", "hybrid-1", "onprem", "onprem"));
}

TEST(Hn004, KubeProxyOlderThan131IgnoresPreferCloseHintsAndSpreadsOverEveryEndpoint) {
  // The same hinted Service that is clean with a current kube-proxy: a 1.30
  // kube-proxy reads hints only with the topology annotation, so every cloud
  // zone sends a third of its connections to the unroutable hybrid endpoint.
  auto fs = hn004(mixed_nodes() + kube_proxy_daemonset("v1.30.0-minimal-eksbuild.3") + prefer_close_in_every_zone());
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_TRUE(mentions(fs[0], "33% from us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "reads hints only with the topology annotation")) << fs[0]->message;
}

// --- passing -----------------------------------------------------------------------------------

TEST(Hn004, KubeProxy131HonoursPreferCloseHints) {
  auto fs = hn004(mixed_nodes() + kube_proxy_daemonset("v1.31.2-minimal-eksbuild.3") + prefer_close_in_every_zone());
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn004, PreferCloseWithAnEndpointInEveryCloudZoneIsClean) {
  auto fs = hn004(mixed_nodes() + service("  trafficDistribution: PreferClose\n") +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a", "us-west-2a") +
                        endpoint("192.168.20.20", "cloud-b", "us-west-2b", "us-west-2b") +
                        endpoint("10.85.1.10", "hybrid-1", "onprem", "onprem")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn004, PreferCloseOverRunningPodsUsesTheHintsTheControllerWouldSet) {
  // No EndpointSlices: the model derives the endpoints from the pods and follows
  // the hints the EndpointSlice controller would write for PreferClose.
  auto fs =
      hn004(mixed_nodes() + service("  trafficDistribution: PreferClose\n") + pod("web-1", "cloud-a", "192.168.10.20") +
            pod("web-2", "cloud-b", "192.168.20.20") + pod("web-3", "hybrid-1", "10.85.1.10"));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn004, RoutablePodNetworkReportsNothing) {
  EXPECT_TRUE(hn004(mixed_nodes() + service() + cloud_a_and_hybrid(), model::PodNetwork::Routable).empty());
}

TEST(Hn004, CloudOnlyEndpointsReportNothing) {
  EXPECT_TRUE(hn004(mixed_nodes() + service() + slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a"))).empty());
}

// --- near misses -------------------------------------------------------------------------------

TEST(Hn004, HostNetworkPodOnAHybridNodeIsReachedAtTheNodeIp) {
  auto fs = hn004(mixed_nodes() + service() + pod("web-1", "cloud-a", "192.168.10.20") +
                  pod("web-2", "hybrid-1", "10.80.0.11", "  hostNetwork: true\n"));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn004, SliceEndpointAtTheHybridNodesOwnIpIsAHostNetworkBackend) {
  // No pods in the input: the address equal to the node's InternalIP tells it apart.
  auto fs =
      hn004(mixed_nodes() + service() +
            slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a") + endpoint("10.80.0.11", "hybrid-1", "onprem")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn004, WebhookBackendServiceIsLeftToHn001) {
  std::string webhook = R"(---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: check.example.com
  clientConfig: {service: {namespace: shop, name: web}}
)";
  EXPECT_TRUE(hn004(mixed_nodes() + webhook + service() + cloud_a_and_hybrid()).empty());
}

TEST(Hn004, UnreadyAndNotServingHybridEndpointIsNeverPicked) {
  auto fs = hn004(mixed_nodes() + service() +
                  slice(endpoint("192.168.10.20", "cloud-a", "us-west-2a") +
                        endpoint("10.85.1.10", "hybrid-1", "onprem", "", "{ready: false, serving: false}")));
  EXPECT_TRUE(fs.empty()) << fs[0]->message;
}

TEST(Hn004, CloudOnlyClusterIsNotMixed) {
  std::string nodes = node("cloud-a", "us-west-2a", "192.168.10.11", false);
  EXPECT_TRUE(hn004(nodes + service() + cloud_a_and_hybrid()).empty());
}

TEST(Hn004, ExternalNameServiceHasNoEndpointsToJudge) {
  EXPECT_TRUE(hn004(mixed_nodes() +
                    "---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n"
                    "  type: ExternalName\n  externalName: web.example.com\n" +
                    cloud_a_and_hybrid())
                  .empty());
}

// Offline manifests (a Deployment, no pods) and --assume-nodes: the placement engine's
// simulated pods stand in for the replicas. Three replicas over one node per zone: the
// scheduler's default spreading (PodTopologySpread system defaults, balanced allocation)
// puts one on each node, the on-premises one included, so a cloud zone sends a third of
// its connections there. Simulated pods have no IP: the finding is about the Service.
TEST(Hn004, OfflineManifestsUseThePlacementsSimulatedPods) {
  std::string deployment = R"(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: c, image: example/web:1, resources: {requests: {cpu: 100m}}}]
)";
  auto fs = hn004(service() + deployment, model::PodNetwork::Unroutable, kMixedNodes);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0]->severity, rules::Severity::Error);
  EXPECT_TRUE(mentions(fs[0], "33% from us-west-2a")) << fs[0]->message;
  EXPECT_TRUE(mentions(fs[0], "33% from us-west-2b")) << fs[0]->message;
}

TEST(Hn004, OfflineManifestsKeptInTheCloudReportNothing) {
  std::string deployment = R"(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions: [{key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}]
      containers: [{name: c, image: example/web:1}]
)";
  EXPECT_TRUE(hn004(service() + deployment, model::PodNetwork::Unroutable, kMixedNodes).empty());
}

}  // namespace hn004_test
}  // namespace hybridctl::testing
