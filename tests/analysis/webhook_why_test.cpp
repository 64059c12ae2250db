// `webhooks --why`: a real API server error walked to its cause, with the
// fix steps in order (emergency first). Every cluster here is a dump without
// Pods (`kubectl get svc,endpointslices,...`), the most common one.
#include "analysis/webhook_why.h"

#include <gtest/gtest.h>

#include "analysis/snapshot_support.h"

namespace hybridctl::testing {
namespace webhook_why_test {

using analysis::CauseKind;
using analysis::StepKind;
using analysis::Verdict;

std::string webhook(const std::string& port = "443",
                    const std::string& ca_bundle = "LS0tLS1CRUdJTg==", const std::string& annotations = "{}") {
  return R"(
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy-validating, annotations: )" +
         annotations + R"(}
webhooks:
- name: vpod.kb.io
  clientConfig:
    service: {name: policy-webhook, namespace: policy, port: )" +
         port + R"(, path: /validate-v1-pod}
    caBundle: ")" +
         ca_bundle + R"("
  rules: [{operations: [CREATE, UPDATE], apiGroups: [""], apiVersions: [v1], resources: [pods]}]
  failurePolicy: Fail
  namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [kube-system]}]}
  sideEffects: None
  admissionReviewVersions: [v1]
)";
}

std::string service(const std::string& target_port = "9443") {
  return R"(
---
apiVersion: v1
kind: Service
metadata: {name: policy-webhook, namespace: policy}
spec:
  selector: {app: policy}
  ports: [{name: https, port: 443, targetPort: )" +
         target_port + "}]\n";
}

std::string slice(const std::string& address, const std::string& node, const std::string& ready = "true") {
  return R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: policy-webhook-abc12, namespace: policy, labels: {kubernetes.io/service-name: policy-webhook}}
addressType: IPv4
ports: [{name: https, port: 9443, protocol: TCP}]
endpoints:
- addresses: [)" +
         address +
         R"(]
  conditions: {ready: )" +
         ready + R"(}
  nodeName: )" +
         node + "\n";
}

const char* kDeployment = R"(
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
      containers: [{name: manager, image: example/policy:1.0, ports: [{name: https, containerPort: 9443}]}]
)";

const char* kTimeout =
    R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": context deadline exceeded)";

// The hybrid pods' range 10.85.0.0/16 lies outside remotePodNetworks.
std::unique_ptr<Decoded> cluster(const std::string& objects) {
  return decode_cluster(std::string(kNodes) + objects, {"10.99.0.0/16"}, {"192.168.100.0/24"});
}

analysis::WhyAnswer why(Decoded& d, std::vector<analysis::WebhookChain>& chains, const std::string& text) {
  chains = analysis::webhook_chains(*d.analyses);
  return analysis::explain_error(text, chains);
}

TEST(WebhookWhy, TimeoutOnUnroutableHybridPodIsExplainedEmergencyFirst) {
  auto d = cluster(webhook() + service() + slice("10.85.1.23", "mi-0a1b2c3d4e5f60001") + kDeployment);
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(*d, chains, kTimeout);
  ASSERT_EQ(a.chains.size(), 1u);
  EXPECT_EQ(a.chains[0]->verdict, Verdict::Broken);
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::UnreachableEndpoint);
  EXPECT_NE(a.causes[0].text.find("mi-0a1b2c3d4e5f60001"), std::string::npos);
  ASSERT_GE(a.steps.size(), 3u);
  EXPECT_EQ(a.steps[0].kind, StepKind::Emergency);
  EXPECT_NE(a.steps[0].command.find("\"value\":\"Ignore\""), std::string::npos);
  EXPECT_NE(a.steps[0].command.find("\"op\":\"test\",\"path\":\"/webhooks/0/name\""), std::string::npos);
  EXPECT_EQ(a.steps[1].kind, StepKind::MoveToCloud);
  ASSERT_NE(a.steps[1].workload, nullptr);
  EXPECT_EQ(a.steps[1].workload->meta.name, "policy");
  EXPECT_EQ(a.steps.back().kind, StepKind::Verify);  // restore failurePolicy Fail
}

TEST(WebhookWhy, NoEndpointsAvailableIsNoReadyEndpoint) {
  auto d = cluster(webhook() + service() + slice("10.0.1.77", "ip-10-0-1-10.us-west-2.compute.internal", "false"));
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(
      *d, chains,
      R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": no endpoints available for service "policy-webhook")");
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::NoReadyEndpoints);
  EXPECT_EQ(a.chains[0]->verdict, Verdict::Broken);
}

TEST(WebhookWhy, UnknownAuthorityWithEmptyCaBundleAndStoppedCainjector) {
  const char* cainjector = R"(
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cert-manager-cainjector, namespace: cert-manager}
spec:
  replicas: 0
  selector: {matchLabels: {app: cainjector}}
  template:
    metadata: {labels: {app: cainjector}}
    spec: {containers: [{name: c, image: quay.io/jetstack/cert-manager-cainjector:v1.14.4}]}
)";
  auto d = cluster(webhook("443", "", "{cert-manager.io/inject-ca-from: policy/policy-serving-cert}") + service() +
                   slice("10.0.1.77", "ip-10-0-1-10.us-west-2.compute.internal") + cainjector);
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(
      *d, chains,
      R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": tls: failed to verify certificate: x509: certificate signed by unknown authority)");
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::CaBundleMissing);
  EXPECT_NE(a.causes[0].text.find("cainjector"), std::string::npos);
  EXPECT_NE(a.causes[0].text.find("not running"), std::string::npos);
}

TEST(WebhookWhy, UnknownAuthorityWithACaBundleIsAStaleBundle) {
  auto d = cluster(webhook() + service() + slice("10.0.1.77", "ip-10-0-1-10.us-west-2.compute.internal"));
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(
      *d, chains,
      R"(failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": x509: certificate signed by unknown authority)");
  ASSERT_EQ(a.causes.size(), 1u);
  EXPECT_NE(a.causes[0].text.find("stale"), std::string::npos);
}

TEST(WebhookWhy, ConnectionRefusedIsATargetPortThePodsDoNotExpose) {
  auto d = cluster(webhook() + service("8443") + slice("10.0.1.77", "ip-10-0-1-10.us-west-2.compute.internal") +
                   kDeployment);
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(
      *d, chains,
      R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": dial tcp 10.0.1.77:8443: connect: connection refused)");
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::TargetPortNotExposed);
  EXPECT_NE(a.causes[0].text.find("8443"), std::string::npos);
}

TEST(WebhookWhy, WrongServicePortFromTheResolver) {
  auto d = cluster(webhook("8443") + service() + slice("10.0.1.77", "ip-10-0-1-10.us-west-2.compute.internal"));
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(
      *d, chains,
      R"(failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:8443/validate?timeout=10s": no service port 8443 found for service "policy-webhook")");
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::WrongServicePort);
}

TEST(WebhookWhy, AggregatedApiUnavailableBecauseMetricsServerRunsOnAnUnroutableHybridNode) {
  const char* metrics = R"(
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec:
  group: metrics.k8s.io
  version: v1beta1
  insecureSkipTLSVerify: true
  service: {name: metrics-server, namespace: kube-system, port: 443}
status:
  conditions: [{type: Available, status: "False", reason: FailedDiscoveryCheck}]
---
apiVersion: v1
kind: Service
metadata: {name: metrics-server, namespace: kube-system}
spec:
  selector: {k8s-app: metrics-server}
  ports: [{name: https, port: 443, targetPort: https}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: metrics-server-q2w3e, namespace: kube-system, labels: {kubernetes.io/service-name: metrics-server}}
addressType: IPv4
ports: [{name: https, port: 10250}]
endpoints:
- addresses: [10.85.2.31]
  conditions: {ready: true}
  nodeName: mi-0a1b2c3d4e5f60002
)";
  auto d = cluster(metrics);
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(*d, chains,
                              "Error from server (ServiceUnavailable): the server is currently unable to handle the "
                              "request (get pods.metrics.k8s.io)");
  ASSERT_EQ(a.chains.size(), 1u);
  EXPECT_EQ(a.chains[0]->name, "v1beta1.metrics.k8s.io");
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::UnreachableEndpoint);
  ASSERT_FALSE(a.steps.empty());
  EXPECT_EQ(a.steps[0].kind, StepKind::Emergency);
  EXPECT_EQ(a.steps[0].command, "kubectl delete apiservice v1beta1.metrics.k8s.io");
}

TEST(WebhookWhy, ConversionWebhookFailureOnUnroutableHybridPod) {
  const char* crd = R"(
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: certificates.cert-manager.io}
spec:
  group: cert-manager.io
  names: {plural: certificates, kind: Certificate}
  conversion:
    strategy: Webhook
    webhook:
      clientConfig:
        service: {name: cert-manager-webhook, namespace: cert-manager, path: /convert}
        caBundle: LS0tLS1CRUdJTg==
      conversionReviewVersions: [v1]
---
apiVersion: v1
kind: Service
metadata: {name: cert-manager-webhook, namespace: cert-manager}
spec:
  selector: {app: webhook}
  ports: [{name: https, port: 443, targetPort: https}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: cert-manager-webhook-1, namespace: cert-manager, labels: {kubernetes.io/service-name: cert-manager-webhook}}
addressType: IPv4
ports: [{name: https, port: 10250}]
endpoints:
- addresses: [10.85.1.40]
  conditions: {ready: true}
  nodeName: mi-0a1b2c3d4e5f60001
)";
  auto d = cluster(crd);
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(
      *d, chains,
      R"(conversion webhook for cert-manager.io/v1alpha2, Kind=Certificate failed: Post "https://cert-manager-webhook.cert-manager.svc:443/convert?timeout=30s": context deadline exceeded)");
  ASSERT_EQ(a.chains.size(), 1u);
  EXPECT_EQ(a.chains[0]->kind, analysis::CallerKind::ConversionWebhook);
  ASSERT_FALSE(a.causes.empty());
  EXPECT_EQ(a.causes[0].kind, CauseKind::UnreachableEndpoint);
  // No Deployment in the dump: the move step names the Service's pods.
  bool move = false;
  for (const auto& s : a.steps)
    move = move || (s.kind == StepKind::MoveToCloud && s.command.find("app=webhook") != std::string::npos);
  EXPECT_TRUE(move);
}

TEST(WebhookWhy, UnknownWebhookNameSaysSo) {
  auto d = cluster(webhook() + service());
  std::vector<analysis::WebhookChain> chains;
  analysis::WhyAnswer a = why(*d, chains, R"(failed calling webhook "other.example.com": context deadline exceeded)");
  EXPECT_TRUE(a.chains.empty());
  EXPECT_NE(a.unmatched.find("other.example.com"), std::string::npos);
}

TEST(WebhookChains, ReachableCloudBackendIsOk) {
  auto d = cluster(webhook() + service() + slice("10.0.1.77", "ip-10-0-1-10.us-west-2.compute.internal") + kDeployment);
  auto chains = analysis::webhook_chains(*d->analyses);
  ASSERT_EQ(chains.size(), 1u);
  // The Deployment may still land on a hybrid node: at risk, not OK.
  EXPECT_EQ(chains[0].verdict, Verdict::AtRisk);
  EXPECT_EQ(chains[0].causes[0].kind, CauseKind::MayLandOnHybrid);
  EXPECT_EQ(chains[0].timeout_seconds, 10);
  EXPECT_EQ(chains[0].namespace_selector, "kubernetes.io/metadata.name NotIn [kube-system]");
}

TEST(WebhookChains, UrlWebhookOnAHybridPodAddressIsBroken) {
  const char* url_hook = R"(
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: by-url}
webhooks:
- name: inject.example.com
  clientConfig: {url: "https://10.85.2.50:8443/mutate", caBundle: LS0t}
  failurePolicy: Fail
  sideEffects: None
  admissionReviewVersions: [v1]
)";
  auto d = cluster(url_hook);
  auto chains = analysis::webhook_chains(*d->analyses);
  ASSERT_EQ(chains.size(), 1u);
  EXPECT_EQ(chains[0].url_host, "10.85.2.50");
  EXPECT_EQ(chains[0].verdict, Verdict::Broken);
}

}  // namespace webhook_why_test
}  // namespace hybridctl::testing
