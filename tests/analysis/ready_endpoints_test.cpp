// The one analysis of where a Service's ready endpoints run
// (analysis/ready_endpoints.h): EndpointSlices without Pods, core/v1
// Endpoints, endpoints without nodeName, hostNetwork endpoints.
#include "analysis/ready_endpoints.h"

#include <gtest/gtest.h>

#include "analysis/snapshot_support.h"

namespace hybridctl::testing {
namespace ready_endpoints_test {

using analysis::EndpointEnvironment;
using analysis::EndpointSource;

const char* kService = R"(
---
apiVersion: v1
kind: Service
metadata: {name: policy-webhook, namespace: policy}
spec:
  selector: {app: policy}
  ports: [{name: https, port: 443, targetPort: 9443}]
)";

// What `kubectl get endpointslices -o json` prints for a two-replica webhook,
// one replica on a hybrid node; no Pod objects in the dump.
const char* kSlice = R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: policy-webhook-x7k2p
  namespace: policy
  labels: {kubernetes.io/service-name: policy-webhook}
addressType: IPv4
ports: [{name: https, port: 9443, protocol: TCP}]
endpoints:
- addresses: [10.85.1.23]
  conditions: {ready: true, serving: true, terminating: false}
  nodeName: mi-0a1b2c3d4e5f60001
  zone: onprem
  targetRef: {kind: Pod, name: policy-7d9f-abcde, namespace: policy}
- addresses: [10.0.1.77]
  conditions: {ready: true}
  nodeName: ip-10-0-1-10.us-west-2.compute.internal
  zone: us-west-2a
  targetRef: {kind: Pod, name: policy-7d9f-fghij, namespace: policy}
- addresses: [10.0.2.88]
  conditions: {ready: false}
  nodeName: ip-10-0-2-20.us-west-2.compute.internal
)";

TEST(ReadyEndpoints, SlicesWithoutPodsGiveAddressNodeZoneAndEnvironment) {
  auto d = decode_cluster(std::string(kNodes) + kService + kSlice);
  const model::Service* svc = d->snapshot.service("policy", "policy-webhook");
  ASSERT_NE(svc, nullptr);
  const analysis::ServiceEndpoints& eps = d->analyses->ready_endpoints(*svc);
  ASSERT_EQ(eps.endpoints.size(), 2u);  // the unready one is not a ready endpoint
  EXPECT_EQ(eps.listed_by, EndpointSource::EndpointSlice);
  const analysis::ServiceEndpoint& hybrid = eps.endpoints[0];
  EXPECT_EQ(hybrid.address, "10.85.1.23");
  EXPECT_EQ(hybrid.location.environment, EndpointEnvironment::Hybrid);
  ASSERT_NE(hybrid.location.node, nullptr);
  EXPECT_EQ(hybrid.location.node->meta.name, "mi-0a1b2c3d4e5f60001");
  EXPECT_EQ(hybrid.location.evidence(), "node mi-0a1b2c3d4e5f60001");  // worded when asked
  EXPECT_EQ(hybrid.zone, "onprem");
  EXPECT_EQ(hybrid.pod, nullptr);  // not in the dump
  EXPECT_EQ(eps.endpoints[1].location.environment, EndpointEnvironment::Cloud);
  ASSERT_EQ(hybrid.ports.size(), 1u);
  EXPECT_EQ(hybrid.ports[0].port, 9443);
}

TEST(ReadyEndpoints, CoreEndpointsAreReadWhereThereAreNoSlices) {
  const char* endpoints = R"(
---
apiVersion: v1
kind: Endpoints
metadata: {name: policy-webhook, namespace: policy}
subsets:
- addresses:
  - {ip: 10.85.2.14, nodeName: mi-0a1b2c3d4e5f60002, targetRef: {kind: Pod, name: policy-1, namespace: policy}}
  notReadyAddresses:
  - {ip: 10.0.1.99, nodeName: ip-10-0-1-10.us-west-2.compute.internal}
  ports: [{name: https, port: 9443, protocol: TCP}]
)";
  auto d = decode_cluster(std::string(kNodes) + kService + endpoints);
  ASSERT_FALSE(d->diagnostics.has_errors());
  const analysis::ServiceEndpoints& eps =
      d->analyses->ready_endpoints(*d->snapshot.service("policy", "policy-webhook"));
  EXPECT_EQ(eps.listed_by, EndpointSource::Endpoints);
  ASSERT_EQ(eps.endpoints.size(), 1u);
  EXPECT_EQ(eps.endpoints[0].address, "10.85.2.14");
  EXPECT_EQ(eps.endpoints[0].location.environment, EndpointEnvironment::Hybrid);
}

TEST(ReadyEndpoints, EndpointWithoutNodeNameTakesItsEnvironmentFromThePodRanges) {
  const char* slice = R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: policy-webhook-1, namespace: policy, labels: {kubernetes.io/service-name: policy-webhook}}
addressType: IPv4
endpoints:
- addresses: [10.85.2.40]
  conditions: {ready: true}
- addresses: [172.31.9.9]
  conditions: {ready: true}
)";
  auto d = decode_cluster(std::string(kNodes) + kService + slice);
  const auto& eps = d->analyses->ready_endpoints(*d->snapshot.service("policy", "policy-webhook")).endpoints;
  ASSERT_EQ(eps.size(), 2u);
  // Inside mi-...0002's podCIDR: hybrid, though the slice names no node.
  EXPECT_EQ(eps[0].location.environment, EndpointEnvironment::Hybrid);
  EXPECT_NE(eps[0].location.evidence().find("10.85.2.0/24"), std::string::npos);
  // In no known range: unknown, never cloud by default.
  EXPECT_EQ(eps[1].location.environment, EndpointEnvironment::Unknown);
}

TEST(ReadyEndpoints, RemotePodNetworksPlaceAnAddressOnPremises) {
  const char* slice = R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: policy-webhook-1, namespace: policy, labels: {kubernetes.io/service-name: policy-webhook}}
addressType: IPv4
endpoints:
- addresses: [10.86.7.7]
)";
  auto d = decode_cluster(std::string(kNodes) + kService + slice, {"10.86.0.0/16"}, {"192.168.100.0/24"});
  const auto& eps = d->analyses->ready_endpoints(*d->snapshot.service("policy", "policy-webhook")).endpoints;
  ASSERT_EQ(eps.size(), 1u);
  EXPECT_EQ(eps[0].location.environment, EndpointEnvironment::Hybrid);
  EXPECT_NE(eps[0].location.evidence().find("remotePodNetworks"), std::string::npos);
}

TEST(ReadyEndpoints, AnEndpointAtItsNodesOwnAddressIsHostNetwork) {
  const char* slice = R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: policy-webhook-1, namespace: policy, labels: {kubernetes.io/service-name: policy-webhook}}
addressType: IPv4
endpoints:
- addresses: [192.168.100.11]
  nodeName: mi-0a1b2c3d4e5f60001
)";
  auto d = decode_cluster(std::string(kNodes) + kService + slice);
  const auto& eps = d->analyses->ready_endpoints(*d->snapshot.service("policy", "policy-webhook")).endpoints;
  ASSERT_EQ(eps.size(), 1u);
  EXPECT_TRUE(eps[0].host_network);
}

TEST(ReadyEndpoints, SelectedReadyPodsCountWhenNothingListsEndpoints) {
  const char* pod = R"(
---
apiVersion: v1
kind: Pod
metadata: {name: policy-0, namespace: policy, labels: {app: policy}}
spec:
  nodeName: mi-0a1b2c3d4e5f60001
  containers: [{name: c, image: x}]
status:
  podIP: 10.85.1.5
  conditions: [{type: Ready, status: "True"}]
)";
  auto d = decode_cluster(std::string(kNodes) + kService + pod);
  const auto& eps = d->analyses->ready_endpoints(*d->snapshot.service("policy", "policy-webhook"));
  ASSERT_EQ(eps.endpoints.size(), 1u);
  EXPECT_EQ(eps.listed_by, EndpointSource::Selector);
  ASSERT_NE(eps.endpoints[0].pod, nullptr);
  EXPECT_EQ(eps.endpoints[0].pod->meta.name, "policy-0");
  EXPECT_EQ(eps.endpoints[0].location.environment, EndpointEnvironment::Hybrid);
}

}  // namespace ready_endpoints_test
}  // namespace hybridctl::testing
