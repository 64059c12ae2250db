// One answer to "can the control plane (and the VPC) reach this endpoint"
// (analysis/reachability.h, RULES.md "pod network routability").
#include "analysis/reachability.h"

#include <gtest/gtest.h>

#include "analysis/snapshot_support.h"

namespace hybridctl::testing {
namespace reachability_test {

using model::PodNetwork;

std::string pod(const std::string& name, const std::string& node, const std::string& ip, bool host_network) {
  return "\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: x}\nspec:\n  nodeName: " + node +
         "\n  hostNetwork: " + (host_network ? "true" : "false") +
         "\n  containers: [{name: c, image: i}]\nstatus:\n  podIP: " + ip + "\n";
}

const model::Pod& find_pod(const Decoded& d, const std::string& name) {
  for (const model::Pod& p : d.snapshot.pods) {
    if (p.meta.name == name) return p;
  }
  throw std::runtime_error("no pod " + name);
}

TEST(Reachability, HostNetworkPodOnHybridNodeInsideRemoteNodeNetworksIsReachable) {
  auto d = decode_cluster(std::string(kNodes) + pod("agent", "mi-0a1b2c3d4e5f60001", "192.168.100.11", true),
                          {"10.85.0.0/16"}, {"192.168.100.0/24"});
  const model::Pod& p = find_pod(*d, "agent");
  analysis::Reach r = d->analyses->reachability().of_pod(p, *d->snapshot.node(p.spec.node_name));
  EXPECT_EQ(r.network, PodNetwork::Routable);
}

TEST(Reachability, HostNetworkPodOnHybridNodeOutsideRemoteNodeNetworksIsUnreachable) {
  auto d = decode_cluster(std::string(kNodes) + pod("agent", "mi-0a1b2c3d4e5f60001", "192.168.100.11", true),
                          {"10.85.0.0/16"}, {"192.168.200.0/24"});
  const model::Pod& p = find_pod(*d, "agent");
  analysis::Reach r = d->analyses->reachability().of_pod(p, *d->snapshot.node(p.spec.node_name));
  EXPECT_EQ(r.network, PodNetwork::Unroutable);
  EXPECT_NE(r.why.find("outside remoteNodeNetworks"), std::string::npos);
}

TEST(Reachability, PodIpOutsideRemotePodNetworksIsUnreachable) {
  auto d = decode_cluster(std::string(kNodes) + pod("web", "mi-0a1b2c3d4e5f60001", "10.85.1.9", false),
                          {"10.99.0.0/16"}, {"192.168.100.0/24"});
  const model::Pod& p = find_pod(*d, "web");
  EXPECT_EQ(d->analyses->reachability().of_pod(p, *d->snapshot.node(p.spec.node_name)).network, PodNetwork::Unroutable);
}

TEST(Reachability, PodIpInsideRemotePodNetworksWithoutBgpIsUnknown) {
  auto d = decode_cluster(std::string(kNodes) + pod("web", "mi-0a1b2c3d4e5f60001", "10.85.1.9", false),
                          {"10.85.0.0/16"}, {"192.168.100.0/24"});
  const model::Pod& p = find_pod(*d, "web");
  EXPECT_EQ(d->analyses->reachability().of_pod(p, *d->snapshot.node(p.spec.node_name)).network, PodNetwork::Unknown);
}

TEST(Reachability, CloudPodIsReachable) {
  auto d =
      decode_cluster(std::string(kNodes) + pod("web", "ip-10-0-1-10.us-west-2.compute.internal", "10.0.1.50", false),
                     {"10.85.0.0/16"}, {"192.168.100.0/24"});
  const model::Pod& p = find_pod(*d, "web");
  EXPECT_TRUE(d->analyses->reachability().of_pod(p, *d->snapshot.node(p.spec.node_name)).reachable());
}

TEST(Reachability, HybridNodeAddressInsideRemoteNodeNetworksIsReachableAsAUrlHost) {
  auto d = decode_cluster(kNodes, {"10.85.0.0/16"}, {"192.168.100.0/24"});
  analysis::Location where = d->analyses->endpoint_locator().locate_address("192.168.100.12");
  EXPECT_EQ(where.environment, analysis::EndpointEnvironment::Hybrid);
  EXPECT_TRUE(d->analyses->reachability().of_address(where, "192.168.100.12", false).reachable());
}

TEST(Reachability, HostNetworkTemplateIsReachedAtTheHybridNodesIps) {
  auto d = decode_cluster(kNodes, {"10.85.0.0/16"}, {"192.168.100.0/24"});
  model::PodSpec spec;
  spec.host_network = true;
  EXPECT_TRUE(d->analyses->reachability().of_template_on_hybrid(spec).reachable());
  spec.host_network = false;
  EXPECT_FALSE(d->analyses->reachability().of_template_on_hybrid(spec).reachable());
}

TEST(Reachability, EndpointOfUnknownEnvironmentIsNeverTakenForReachable) {
  auto d = decode_cluster(kNodes, {"10.85.0.0/16"}, {"192.168.100.0/24"});
  analysis::Location where = d->analyses->endpoint_locator().locate("", "172.31.5.5");
  EXPECT_EQ(where.environment, analysis::EndpointEnvironment::Unknown);
  EXPECT_EQ(d->analyses->reachability().of_address(where, "172.31.5.5", false).network, PodNetwork::Unknown);
}

// The traffic model's endpoints (HN004, traffic) get the same answers as the
// endpoint analysis's: one question, one function.
TEST(Reachability, TrafficEndpointOnHybridNodeIsJudgedLikeItsPod) {
  auto d = decode_cluster(std::string(kNodes) + pod("web", "mi-0a1b2c3d4e5f60001", "10.85.1.9", false) +
                              pod("agent", "mi-0a1b2c3d4e5f60001", "192.168.100.11", true),
                          {"10.99.0.0/16"}, {"192.168.100.0/24"});
  const analysis::Reachability& reach = d->analyses->reachability();
  analysis::traffic::EndpointView pod_ip;
  pod_ip.address = "10.85.1.9";
  pod_ip.node = "mi-0a1b2c3d4e5f60001";
  pod_ip.environment = model::Environment::Hybrid;
  EXPECT_EQ(reach.of_endpoint(pod_ip).network, PodNetwork::Unroutable);
  analysis::traffic::EndpointView host_ip = pod_ip;
  host_ip.address = "192.168.100.11";
  host_ip.host_network = true;
  EXPECT_EQ(reach.of_endpoint(host_ip).network, PodNetwork::Routable);
  analysis::traffic::EndpointView cloud = pod_ip;
  cloud.environment = model::Environment::Cloud;
  EXPECT_EQ(reach.of_endpoint(cloud).network, PodNetwork::Routable);
  analysis::traffic::EndpointView nowhere = pod_ip;
  nowhere.node.clear();
  nowhere.environment_unknown = true;
  EXPECT_NE(reach.of_endpoint(nowhere).network, PodNetwork::Routable) << "an endpoint of unknown place is never sure";
}

}  // namespace reachability_test
}  // namespace hybridctl::testing
