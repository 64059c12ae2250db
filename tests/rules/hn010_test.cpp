// HN010: AWS load balancers whose targets are (or may be) hybrid pods the VPC
// cannot route to.
#include <gtest/gtest.h>

#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn010_test {

std::string deployment(const std::string& affinity = "") {
  return R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: game, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: game}}
  template:
    metadata: {labels: {app: game}}
    spec:
      containers: [{name: game, image: public.ecr.aws/l6m2t8p7/docker-2048:latest}]
)" + affinity;
}

const char* kKeptInCloud = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
)";

std::string service(const std::string& type, const std::string& annotations = "") {
  return "apiVersion: v1\nkind: Service\nmetadata:\n  name: game\n  namespace: shop\n" +
         (annotations.empty() ? "" : "  annotations: {" + annotations + "}\n") + "spec:\n  type: " + type +
         "\n  selector: {app: game}\n  ports: [{port: 80, targetPort: 80}]\n";
}

std::string ingress(const std::string& annotations, const std::string& ingress_class = "alb") {
  return R"(apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: game
  namespace: shop
  annotations: {)" +
         annotations + R"(}
spec:
  ingressClassName: )" +
         ingress_class + R"(
  rules:
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: game, port: {number: 80}}}}
)";
}

std::string join(std::initializer_list<std::string> docs) {
  std::string out;
  for (const auto& d : docs) out += (out.empty() ? "" : "---\n") + d;
  return out;
}

TEST(RuleHN010, AlbIpTargetsWithBackendsThatMayLandOnHybridFire) {
  // The upstream 2048 example: target-type ip, no placement constraint.
  Audit a;
  run_audit(a,
            join({deployment(), service("NodePort"),
                  ingress("alb.ingress.kubernetes.io/scheme: internet-facing, "
                          "alb.ingress.kubernetes.io/target-type: ip")}),
            kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, rules::Severity::Error);
  EXPECT_EQ(f[0]->object.kind, "Ingress");
  EXPECT_NE(f[0]->message.find("IP targets"), std::string::npos);
  const auto* intent = std::get_if<fix::RequireNodeAffinity>(&f[0]->fixes.at(0));
  ASSERT_NE(intent, nullptr);
  EXPECT_EQ(intent->target.name, "game");
  EXPECT_EQ(intent->op, "NotIn");
}

TEST(RuleHN010, AlbDefaultInstanceTargetsFireAsEastWest) {
  Audit a;
  run_audit(a, join({deployment(), service("NodePort"), ingress("alb.ingress.kubernetes.io/scheme: internal")}),
            kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("instance targets"), std::string::npos);
  EXPECT_NE(f[0]->message.find("NodePort"), std::string::npos);
}

TEST(RuleHN010, ServiceTargetTypeAnnotationOverridesTheIngress) {
  Audit a;
  run_audit(a,
            join({deployment(), service("ClusterIP", "alb.ingress.kubernetes.io/target-type: ip"),
                  ingress("alb.ingress.kubernetes.io/target-type: instance")}),
            kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN010").size(), 1u);
  EXPECT_NE(a.of("HN010")[0]->message.find("IP targets"), std::string::npos);
}

TEST(RuleHN010, NlbIpModeServiceFires) {
  Audit a;
  run_audit(
      a,
      join({deployment(), service("LoadBalancer", "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip")}),
      kMixedNodes, model::PodNetwork::Unroutable);
  auto f = a.of("HN010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->object.kind, "Service");
  EXPECT_NE(f[0]->message.find("IP targets"), std::string::npos);
}

TEST(RuleHN010, ClbInstanceModeServiceFires) {
  Audit a;
  run_audit(a, join({deployment(), service("LoadBalancer")}), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN010").size(), 1u);
  EXPECT_NE(a.of("HN010")[0]->message.find("instance targets"), std::string::npos);
}

TEST(RuleHN010, InstanceTargetsWithExternalTrafficPolicyLocalExplainTheHealthCheckNotForwarding) {
  std::string svc = service("LoadBalancer");
  svc.replace(svc.find("  selector:"), 0, "  externalTrafficPolicy: Local\n");
  Audit a;
  run_audit(a, join({deployment(), svc}), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN010").size(), 1u);
  const std::string& m = a.of("HN010")[0]->message;
  EXPECT_NE(m.find("health check"), std::string::npos) << m;
  EXPECT_EQ(m.find("forward its NodePort traffic to hybrid pod IPs"), std::string::npos) << m;
}

TEST(RuleHN010, TargetGroupBindingIpFires) {
  const char* tgb = R"(apiVersion: elbv2.k8s.aws/v1beta1
kind: TargetGroupBinding
metadata: {name: game-tgb, namespace: shop}
spec:
  serviceRef: {name: game, port: 80}
  targetGroupARN: arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/game/0123456789abcdef
  targetType: ip
)";
  Audit a;
  run_audit(a, join({deployment(), service("ClusterIP"), tgb}), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN010").size(), 1u);
  EXPECT_EQ(a.of("HN010")[0]->object.kind, "TargetGroupBinding");
}

TEST(RuleHN010, BackendsKeptInTheCloudAreCompliant) {
  Audit a;
  run_audit(
      a,
      join({deployment(kKeptInCloud), service("LoadBalancer"), ingress("alb.ingress.kubernetes.io/target-type: ip")}),
      kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN010").empty());
}

TEST(RuleHN010, RoutablePodNetworkIsCompliant) {
  Audit a;
  run_audit(a, join({deployment(), service("LoadBalancer")}), kMixedNodes, model::PodNetwork::Routable);
  EXPECT_TRUE(a.of("HN010").empty());
}

TEST(RuleHN010, UnknownRoutabilityIsAWarning) {
  Audit a;
  run_audit(a, join({deployment(), service("LoadBalancer")}), kMixedNodes, std::nullopt);
  ASSERT_EQ(a.of("HN010").size(), 1u);
  EXPECT_EQ(a.of("HN010")[0]->severity, rules::Severity::Warning);
}

TEST(RuleHN010, ClusterIpServiceAndNonAlbIngressAreNoAwsLoadBalancers) {
  Audit a;
  run_audit(
      a, join({deployment(), service("ClusterIP"), ingress("nginx.ingress.kubernetes.io/rewrite-target: /", "nginx")}),
      kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(a.of("HN010").empty());
}

TEST(RuleHN010, ObservedReadyPodOnAnUnroutableHybridNodeFires) {
  // The Deployment is now kept in the cloud, but a pod still runs on the hybrid node.
  const char* nodes = R"(apiVersion: v1
kind: Node
metadata:
  name: mi-1
  labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem}
---
apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-1
  labels: {topology.kubernetes.io/zone: us-west-2a}
---
apiVersion: v1
kind: Pod
metadata: {name: game-abc, namespace: shop, labels: {app: game}}
spec:
  nodeName: mi-1
  containers: [{name: game, image: example/game:1}]
status:
  podIP: 10.200.0.5
  conditions: [{type: Ready, status: "True"}]
)";
  Audit a;
  run_audit(a,
            join({nodes, deployment(kKeptInCloud),
                  service("LoadBalancer", "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip")}),
            "", model::PodNetwork::Unroutable);
  auto f = a.of("HN010");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("ready pod game-abc on hybrid node mi-1"), std::string::npos) << f[0]->message;
}

TEST(RuleHN010, KeepInCloudPatchClearsTheFinding) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::string rest = join({service("LoadBalancer"), ingress("alb.ingress.kubernetes.io/target-type: ip")});
  Audit before;
  run_audit(before, join({deployment(), rest}), kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(before.of("HN010").size(), 2u) << "the NLB/CLB Service and the ALB Ingress";
  std::string patch = first_json_patch(*before.of("HN010")[0]);
  PatchOutcome once = kubectl_patch_local(deployment(), patch);
  ASSERT_TRUE(once.applied) << once.error;
  Audit after;
  run_audit(after, join({once.yaml, rest}), kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(after.of("HN010").empty());
  // No affinity before: the patch adds the whole affinity behind a test of its absence,
  // which now fails: nothing changes twice.
  EXPECT_FALSE(kubectl_patch_local(once.yaml, patch).applied);
}

}  // namespace hn010_test
}  // namespace hybridctl::testing
