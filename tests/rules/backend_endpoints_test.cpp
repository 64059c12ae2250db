// Issue 16 items 1-4 as rules see them: backends known only from
// EndpointSlices or core/v1 Endpoints, endpoints without nodeName, webhooks
// with clientConfig.url, and hostNetwork everywhere.
#include <gtest/gtest.h>

#include "analysis/snapshot_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace backend_endpoints_test {

using rules::Severity;

// describe-cluster facts: hybrid pods (10.85.0.0/16) outside remotePodNetworks, nodes inside remoteNodeNetworks.
void unroutable_pods(model::ClusterFacts& f) {
  f.remote_pod_networks = {"10.99.0.0/16"};
  f.remote_node_networks = {"192.168.100.0/24"};
}

const char* kWebhook = R"(
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy-validating}
webhooks:
- name: vpod.kb.io
  clientConfig:
    service: {name: policy-webhook, namespace: policy, port: 443}
    caBundle: LS0t
  failurePolicy: Fail
  sideEffects: None
  admissionReviewVersions: [v1]
---
apiVersion: v1
kind: Service
metadata: {name: policy-webhook, namespace: policy}
spec:
  selector: {app: policy}
  ports: [{name: https, port: 443, targetPort: 9443}]
)";

std::string slice(const std::string& endpoint_yaml) {
  return R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: policy-webhook-abc12, namespace: policy, labels: {kubernetes.io/service-name: policy-webhook}}
addressType: IPv4
ports: [{name: https, port: 9443}]
endpoints:
)" + endpoint_yaml;
}

Audit audit(const std::string& yaml) {
  Audit a;
  run_audit(a, std::string(kNodes) + yaml, "", std::nullopt, unroutable_pods);
  return a;
}

TEST(BackendEndpoints, Hn001SeesAWebhookEndpointKnownOnlyFromItsEndpointSlice) {
  Audit a = audit(std::string(kWebhook) +
                  slice("- addresses: [10.85.1.23]\n  conditions: {ready: true}\n  nodeName: mi-0a1b2c3d4e5f60001\n"));
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  // No Pod or workload in the dump: the finding is about the Service and names the endpoint and node.
  EXPECT_EQ(hn001[0]->object.kind, "Service");
  EXPECT_EQ(hn001[0]->object.name, "policy-webhook");
  EXPECT_EQ(hn001[0]->severity, Severity::Critical);
  EXPECT_NE(hn001[0]->message.find("10.85.1.23"), std::string::npos);
  EXPECT_NE(hn001[0]->message.find("mi-0a1b2c3d4e5f60001"), std::string::npos);
}

TEST(BackendEndpoints, Hn001ReadsCoreEndpointsWhereThereAreNoSlices) {
  Audit a = audit(std::string(kWebhook) + R"(
---
apiVersion: v1
kind: Endpoints
metadata: {name: policy-webhook, namespace: policy}
subsets:
- addresses: [{ip: 10.85.2.14, nodeName: mi-0a1b2c3d4e5f60002}]
  ports: [{name: https, port: 9443}]
)");
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  EXPECT_NE(hn001[0]->message.find("10.85.2.14"), std::string::npos);
}

TEST(BackendEndpoints, Hn001PlacesAnEndpointWithoutNodeNameByThePodRanges) {
  Audit a = audit(std::string(kWebhook) + slice("- addresses: [10.85.2.40]\n  conditions: {ready: true}\n"));
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  EXPECT_NE(hn001[0]->message.find("10.85.2.0/24"), std::string::npos);
}

TEST(BackendEndpoints, EndpointInNoKnownRangeIsNotTakenForCloudButReportedAsUnconfirmed) {
  Audit a = audit(std::string(kWebhook) + slice("- addresses: [172.31.9.9]\n  conditions: {ready: true}\n"));
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  EXPECT_EQ(hn001[0]->severity, Severity::Error);  // critical, one lower: reachability unknown
  EXPECT_NE(hn001[0]->message.find("could not be confirmed"), std::string::npos);
  EXPECT_NE(hn001[0]->message.find("172.31.9.9"), std::string::npos);
}

TEST(BackendEndpoints, UrlWebhookAtAnUnroutableHybridPodIpIsHn001) {
  Audit a = audit(R"(
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: by-url}
webhooks:
- name: inject.example.com
  clientConfig: {url: "https://10.85.2.50:8443/mutate", caBundle: LS0t}
  sideEffects: None
  admissionReviewVersions: [v1]
)");
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  EXPECT_EQ(hn001[0]->object.kind, "MutatingWebhookConfiguration");
  EXPECT_EQ(hn001[0]->severity, Severity::Critical);  // v1 defaults to failurePolicy Fail
}

TEST(BackendEndpoints, UrlWebhookAtAHybridNodeIpInsideRemoteNodeNetworksIsReachable) {
  Audit a = audit(R"(
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: by-url}
webhooks:
- name: inject.example.com
  clientConfig: {url: "https://192.168.100.12:8443/mutate", caBundle: LS0t}
  sideEffects: None
  admissionReviewVersions: [v1]
)");
  EXPECT_TRUE(a.of("HN001").empty());
}

TEST(BackendEndpoints, UrlWebhookWithAnExternalHostGetsANoteThatItWasNotChecked) {
  Audit a = audit(R"(
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: saas-policy}
webhooks:
- name: check.policy.example.com
  clientConfig: {url: "https://policy.example.com/validate"}
  sideEffects: None
  admissionReviewVersions: [v1]
)");
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  EXPECT_EQ(hn001[0]->severity, Severity::Info);
  EXPECT_NE(hn001[0]->message.find("not checked"), std::string::npos);
}

const char* kHostNetworkWebhookDeployment = R"(
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: policy, namespace: policy}
spec:
  replicas: 1
  selector: {matchLabels: {app: policy}}
  template:
    metadata: {labels: {app: policy}}
    spec:
      hostNetwork: true
      containers: [{name: manager, image: example/policy:1.0}]
)";

TEST(BackendEndpoints, Hn002LeavesAHostNetworkWebhookAlone) {
  Audit a = audit(std::string(kWebhook) + kHostNetworkWebhookDeployment);
  EXPECT_TRUE(a.of("HN002").empty());
}

TEST(BackendEndpoints, Hn002StillReportsTheSameWebhookWithoutHostNetwork) {
  std::string plain = kHostNetworkWebhookDeployment;
  plain.replace(plain.find("      hostNetwork: true\n"), 24, "");
  Audit a = audit(std::string(kWebhook) + plain);
  EXPECT_EQ(a.of("HN002").size(), 1u);
}

TEST(BackendEndpoints, HostNetworkBackendOnHybridNodeOutsideRemoteNodeNetworksIsHn001) {
  Audit a;
  run_audit(a,
            std::string(kNodes) + kWebhook +
                slice("- addresses: [192.168.100.11]\n  conditions: {ready: true}\n  nodeName: mi-0a1b2c3d4e5f60001\n"),
            "", std::nullopt, [](model::ClusterFacts& f) {
              f.remote_pod_networks = {"10.85.0.0/16"};
              f.remote_node_networks = {"192.168.200.0/24"};
            });
  auto hn001 = a.of("HN001");
  ASSERT_EQ(hn001.size(), 1u);
  EXPECT_NE(hn001[0]->message.find("outside remoteNodeNetworks"), std::string::npos);
}

TEST(BackendEndpoints, HostNetworkBackendOnHybridNodeInsideRemoteNodeNetworksIsNotHn001) {
  Audit a =
      audit(std::string(kWebhook) +
            slice("- addresses: [192.168.100.11]\n  conditions: {ready: true}\n  nodeName: mi-0a1b2c3d4e5f60001\n"));
  EXPECT_TRUE(a.of("HN001").empty());
}

TEST(BackendEndpoints, NoFixAdvisesHostNetworkToAWorkloadThatAlreadyUsesIt) {
  // Pinned to hybrid nodes (no cloud fix), hostNetwork, and the nodes' IPs lie outside remoteNodeNetworks.
  std::string pinned = kHostNetworkWebhookDeployment;
  pinned.replace(pinned.find("      hostNetwork: true\n"), 24,
                 "      hostNetwork: true\n      nodeSelector: {eks.amazonaws.com/compute-type: hybrid}\n");
  Audit a;
  run_audit(a, std::string(kNodes) + kWebhook + pinned, "", std::nullopt, [](model::ClusterFacts& f) {
    f.remote_pod_networks = {"10.99.0.0/16"};
    f.remote_node_networks = {"192.168.200.0/24"};
  });
  auto hn002 = a.of("HN002");
  ASSERT_EQ(hn002.size(), 1u);
  EXPECT_EQ(hn002[0]->fix_note.find("hostNetwork: true"), std::string::npos) << hn002[0]->fix_note;
  EXPECT_NE(hn002[0]->fix_note.find("remoteNodeNetworks"), std::string::npos) << hn002[0]->fix_note;
}

TEST(BackendEndpoints, Hn010SeesLoadBalancerEndpointsKnownOnlyFromSlices) {
  Audit a = audit(R"(
---
apiVersion: v1
kind: Service
metadata:
  name: game
  namespace: shop
  annotations: {service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip}
spec:
  type: LoadBalancer
  selector: {app: game}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: game-1, namespace: shop, labels: {kubernetes.io/service-name: game}}
addressType: IPv4
endpoints:
- addresses: [10.85.1.60]
  conditions: {ready: true}
  nodeName: mi-0a1b2c3d4e5f60001
)");
  auto hn010 = a.of("HN010");
  ASSERT_EQ(hn010.size(), 1u);
  EXPECT_NE(hn010[0]->message.find("10.85.1.60"), std::string::npos);
}

TEST(BackendEndpoints, Hn010LeavesHostNetworkBackendsAlone) {
  Audit a = audit(R"(
---
apiVersion: v1
kind: Service
metadata:
  name: game
  namespace: shop
  annotations: {service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip}
spec:
  type: LoadBalancer
  selector: {app: game}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: game, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: game}}
  template:
    metadata: {labels: {app: game}}
    spec:
      hostNetwork: true
      containers: [{name: game, image: example/game:1}]
)");
  EXPECT_TRUE(a.of("HN010").empty());
}

TEST(BackendEndpoints, Hn005SeesCorednsReplicasKnownOnlyFromKubeDnsSlices) {
  Audit a = audit(R"(
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system}
spec:
  selector: {k8s-app: kube-dns}
  ports: [{name: dns, port: 53, protocol: UDP}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: kube-dns-x1, namespace: kube-system, labels: {kubernetes.io/service-name: kube-dns}}
addressType: IPv4
endpoints:
- addresses: [10.0.1.53]
  conditions: {ready: true}
  nodeName: ip-10-0-1-10.us-west-2.compute.internal
- addresses: [10.0.2.53]
  conditions: {ready: true}
  nodeName: ip-10-0-2-20.us-west-2.compute.internal
)");
  auto hn005 = a.of("HN005");
  ASSERT_EQ(hn005.size(), 1u);
  EXPECT_EQ(hn005[0]->severity, Severity::Error);
  EXPECT_EQ(hn005[0]->object.kind, "Service");
  EXPECT_NE(hn005[0]->message.find("none on a hybrid node"), std::string::npos);
}

TEST(BackendEndpoints, Hn011IsSilentWhenEveryHybridPodUsesHostNetwork) {
  const char* collector = R"(
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: aps-collector-user-role-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: aps-collector-role}
subjects: [{kind: User, name: aps-collector-user, apiGroup: rbac.authorization.k8s.io}]
---
apiVersion: v1
kind: Pod
metadata: {name: exporter-1, namespace: monitoring}
spec:
  nodeName: mi-0a1b2c3d4e5f60001
  hostNetwork: true
  containers: [{name: c, image: prom/node-exporter}]
status: {podIP: 192.168.100.11}
)";
  Audit a = audit(collector);
  EXPECT_TRUE(a.of("HN011").empty());
}

}  // namespace backend_endpoints_test
}  // namespace hybridctl::testing
