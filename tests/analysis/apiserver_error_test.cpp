// Parsing real kube-apiserver error strings (formats: apiserver/pkg/util/
// webhook ErrCallingWebhook, apiextensions webhook_converter.go, the
// aggregator's ServiceUnavailable, apiserver/pkg/util/proxy ResolveEndpoint).
#include "analysis/apiserver_error.h"

#include <gtest/gtest.h>

namespace hybridctl::analysis {
namespace apiserver_error_test {

TEST(ApiServerError, AdmissionTimeoutNamesWebhookServiceAndPort) {
  ApiServerError e = parse_apiserver_error(
      R"(Error from server (InternalError): error when creating "pod.yaml": Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": context deadline exceeded)");
  EXPECT_EQ(e.kind, CallKind::AdmissionWebhook);
  EXPECT_EQ(e.name, "vpod.kb.io");
  EXPECT_EQ(e.service_name, "policy-webhook");
  EXPECT_EQ(e.service_ns, "policy");
  EXPECT_EQ(e.service_port, 443);
  EXPECT_EQ(e.symptom, Symptom::Timeout);
}

TEST(ApiServerError, NoEndpointsAvailableForService) {
  ApiServerError e = parse_apiserver_error(
      R"(Internal error occurred: failed calling webhook "mpod.elbv2.k8s.aws": failed to call webhook: Post "https://aws-load-balancer-webhook-service.kube-system.svc:443/mutate-v1-pod?timeout=10s": no endpoints available for service "aws-load-balancer-webhook-service")");
  EXPECT_EQ(e.name, "mpod.elbv2.k8s.aws");
  EXPECT_EQ(e.symptom, Symptom::NoEndpoints);
  EXPECT_EQ(e.service_ns, "kube-system");
}

TEST(ApiServerError, UnknownAuthorityInsideTlsVerificationFailure) {
  ApiServerError e = parse_apiserver_error(
      R"(Internal error occurred: failed calling webhook "webhook.cert-manager.io": failed to call webhook: Post "https://cert-manager-webhook.cert-manager.svc:443/validate?timeout=30s": tls: failed to verify certificate: x509: certificate signed by unknown authority)");
  EXPECT_EQ(e.name, "webhook.cert-manager.io");
  EXPECT_EQ(e.symptom, Symptom::UnknownAuthority);
}

TEST(ApiServerError, ConnectionRefusedOnDial) {
  ApiServerError e = parse_apiserver_error(
      R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:443/validate-v1-pod?timeout=10s": dial tcp 10.0.1.77:9443: connect: connection refused)");
  EXPECT_EQ(e.symptom, Symptom::ConnectionRefused);
}

TEST(ApiServerError, AggregatedApiUnavailableFromKubectlGet) {
  ApiServerError e = parse_apiserver_error(
      "Error from server (ServiceUnavailable): the server is currently unable to handle the request (get "
      "pods.metrics.k8s.io)");
  EXPECT_EQ(e.kind, CallKind::APIService);
  EXPECT_EQ(e.group, "metrics.k8s.io");
  EXPECT_EQ(e.symptom, Symptom::ServiceUnavailable);
}

TEST(ApiServerError, AggregatedApiUnavailableFromDiscovery) {
  ApiServerError e = parse_apiserver_error(
      "E1206 02:10:11.123456   4242 memcache.go:287] couldn't get resource list for metrics.k8s.io/v1beta1: the "
      "server is currently unable to handle the request");
  EXPECT_EQ(e.kind, CallKind::APIService);
  EXPECT_EQ(e.group, "metrics.k8s.io");
  EXPECT_EQ(e.version, "v1beta1");
}

TEST(ApiServerError, ConversionWebhookFailureNamesGroupAndKind) {
  ApiServerError e = parse_apiserver_error(
      R"(conversion webhook for cert-manager.io/v1alpha2, Kind=Certificate failed: Post "https://cert-manager-webhook.cert-manager.svc:443/convert?timeout=30s": context deadline exceeded)");
  EXPECT_EQ(e.kind, CallKind::ConversionWebhook);
  EXPECT_EQ(e.group, "cert-manager.io");
  EXPECT_EQ(e.version, "v1alpha2");
  EXPECT_EQ(e.kind_name, "Certificate");
  EXPECT_EQ(e.service_name, "cert-manager-webhook");
  EXPECT_EQ(e.symptom, Symptom::Timeout);
}

TEST(ApiServerError, WrongServicePortFromTheResolver) {
  ApiServerError e = parse_apiserver_error(
      R"(Internal error occurred: failed calling webhook "vpod.kb.io": failed to call webhook: Post "https://policy-webhook.policy.svc:8443/validate?timeout=10s": no service port 8443 found for service "policy-webhook")");
  EXPECT_EQ(e.symptom, Symptom::NoServicePort);
  EXPECT_EQ(e.service_port, 8443);
}

TEST(ApiServerError, DenialIsTheWebhookAnswering) {
  ApiServerError e =
      parse_apiserver_error(R"(admission webhook "vpod.kb.io" denied the request: image registry not allowed)");
  EXPECT_EQ(e.kind, CallKind::AdmissionWebhook);
  EXPECT_EQ(e.name, "vpod.kb.io");
  EXPECT_EQ(e.symptom, Symptom::Denied);
}

}  // namespace apiserver_error_test
}  // namespace hybridctl::analysis
