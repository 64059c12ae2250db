// One object, one fix: the findings of one object, applied in report order
// with kubectl, all succeed — later fixes build on earlier ones or point at
// them instead of failing on a guard the first one changed.
#include <gtest/gtest.h>

#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace one_object_one_fix_test {

// Applies every patch of `findings` aimed at `kind/name`, in order; returns
// the object after the last, or "" with a failure recorded.
std::string apply_in_order(const std::vector<rules::Finding>& findings, const std::string& kind,
                           const std::string& name, std::string object, size_t& applied) {
  for (const rules::Finding& f : findings) {
    for (const fix::RenderedPatch& p : fix::render(f).patches) {
      if (p.target.kind != kind || p.target.name != name) continue;
      PatchOutcome out = kubectl_patch_local(object, p.patch);
      EXPECT_TRUE(out.applied) << f.rule << ": " << out.error << "\npatch: " << p.patch << "\non:\n" << object;
      if (!out.applied) return "";
      object = out.yaml;
      ++applied;
    }
  }
  return object;
}

const char* kWebhookAndLoadBalancer = R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: check.policy.example.com
  clientConfig:
    service: {namespace: policy, name: policy-engine}
---
apiVersion: v1
kind: Service
metadata: {name: policy-engine, namespace: policy}
spec:
  selector: {app: policy-engine}
  ports: [{port: 443}]
---
apiVersion: v1
kind: Service
metadata: {name: policy-ui, namespace: policy}
spec:
  type: LoadBalancer
  selector: {app: policy-engine}
  ports: [{port: 80}]
---
)";

const char* kPolicyEngine = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: policy-engine, namespace: policy}
spec:
  replicas: 2
  selector: {matchLabels: {app: policy-engine}}
  template:
    metadata: {labels: {app: policy-engine}}
    spec:
      containers: [{name: engine, image: example/policy-engine:1}]
)";

TEST(OneObjectOneFix, TwoRulesKeepingOneWorkloadInTheCloudCarryTheChangeOnce) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit a;
  run_audit(a, std::string(kWebhookAndLoadBalancer) + kPolicyEngine, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  ASSERT_EQ(a.of("HN010").size(), 1u);
  size_t applied = 0;
  std::string after = apply_in_order(a.findings, "Deployment", "policy-engine", kPolicyEngine, applied);
  EXPECT_EQ(applied, 1u) << "the same change is applied once";
  EXPECT_NE(a.of("HN010")[0]->fix_note.find("HN002"), std::string::npos) << a.of("HN010")[0]->fix_note;
  Audit again;
  run_audit(again, std::string(kWebhookAndLoadBalancer) + after, kMixedNodes, model::PodNetwork::Unroutable);
  EXPECT_TRUE(again.of("HN002").empty());
  EXPECT_TRUE(again.of("HN010").empty());
}

const char* kCoredns = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, uid: dns-uid}
spec:
  replicas: 1
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      containers: [{name: coredns, image: coredns/coredns:1.11.1}]
)";

const char* kCorednsPodInTheCloud = R"(---
apiVersion: v1
kind: Pod
metadata:
  name: coredns-1
  namespace: kube-system
  labels: {k8s-app: kube-dns}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: coredns, uid: dns-uid}]
spec:
  nodeName: assumed-cloud-us-west-2a-1
  containers: [{name: coredns, image: coredns/coredns:1.11.1}]
status:
  phase: Running
  conditions: [{type: Ready, status: "True"}]
)";

TEST(OneObjectOneFix, CorednsConfigurationFixBuildsOnTheRunningReplicasFix) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  Audit a;
  run_audit(a, std::string(kCoredns) + kCorednsPodInTheCloud, "cloud:us-west-2a=1,cloud:us-west-2b=1,hybrid:onprem=1",
            model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN005").size(), 2u) << "(a) no replica on premises, (b) one replica without anti-affinity";
  size_t applied = 0;
  std::string after = apply_in_order(a.findings, "Deployment", "coredns", kCoredns, applied);
  EXPECT_EQ(applied, 2u);
  EXPECT_NE(after.find("topologySpreadConstraints"), std::string::npos) << after;
  EXPECT_NE(after.find("podAntiAffinity"), std::string::npos) << after;
  Audit again;
  run_audit(again, after, "cloud:us-west-2a=1,cloud:us-west-2b=1,hybrid:onprem=1", model::PodNetwork::Unroutable);
  EXPECT_TRUE(again.of("HN005").empty()) << again.of("HN005")[0]->message;
}

}  // namespace one_object_one_fix_test
}  // namespace hybridctl::testing
