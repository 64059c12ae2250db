// Every finding's fix is aimed at whoever manages the object: Helm values
// for a Helm release, `aws eks update-addon --configuration-values` for an
// EKS add-on (never "helm values"), and only fixes that can work — no values
// key the chart does not have, no patch of an immutable Job template.
#include <gtest/gtest.h>

#include "analysis/provenance.h"
#include "report/fix_script.h"
#include "rules/kubectl_patch_support.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace manager_form_test {

const char* kPolicyWebhook = R"(apiVersion: admissionregistration.k8s.io/v1
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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: policy-engine
  namespace: policy
  annotations: {meta.helm.sh/release-name: policy, meta.helm.sh/release-namespace: policy}
  labels: {app.kubernetes.io/managed-by: Helm, helm.sh/chart: policy-engine-0.3.1}
spec:
  replicas: 2
  selector: {matchLabels: {app: policy-engine}}
  template:
    metadata: {labels: {app: policy-engine}}
    spec:
      containers: [{name: engine, image: example/policy-engine:1}]
)";

TEST(ManagerForm, BackendOfAHelmReleaseGetsHelmValues) {
  Audit a;
  run_audit(a, kPolicyWebhook, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  fix::RenderedFix r = fix::render(*a.of("HN002")[0]);
  EXPECT_EQ(r.helm_values.rfind(R"({"affinity":{"nodeAffinity")", 0), 0u) << r.helm_values;
  EXPECT_EQ(r.eks_addon_configuration, "{}");
  EXPECT_NE(r.note.find("values"), std::string::npos) << r.note;
}

const char* kMetricsServerAddon = R"(apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.metrics.k8s.io}
spec:
  group: metrics.k8s.io
  version: v1beta1
  service: {name: metrics-server, namespace: kube-system}
---
apiVersion: v1
kind: Service
metadata: {name: metrics-server, namespace: kube-system}
spec:
  selector: {k8s-app: metrics-server}
  ports: [{port: 443}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: metrics-server
  namespace: kube-system
  labels: {app.kubernetes.io/managed-by: EKS, app.kubernetes.io/name: metrics-server}
spec:
  replicas: 2
  selector: {matchLabels: {k8s-app: metrics-server}}
  template:
    metadata: {labels: {k8s-app: metrics-server}}
    spec:
      containers: [{name: metrics-server, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/metrics-server:v0.7.2-eksbuild.1}]
)";

TEST(ManagerForm, BackendOfAnEksAddonGetsUpdateAddonWithConfigurationValuesNotHelmValues) {
  Audit a;
  run_audit(a, kMetricsServerAddon, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  const rules::Finding& f = *a.of("HN002")[0];
  EXPECT_EQ(f.managed_by.kind, analysis::Manager::Kind::EksAddon);
  fix::RenderedFix r = fix::render(f);
  EXPECT_EQ(r.helm_values, "{}") << "an EKS add-on has no Helm values";
  EXPECT_EQ(r.eks_addon_configuration.rfind(R"({"affinity":{"nodeAffinity")", 0), 0u) << r.eks_addon_configuration;
  bool update_addon = false;
  for (const std::string& k : r.kubectl) {
    update_addon = update_addon || k.rfind(
                                       "aws eks update-addon --cluster-name CLUSTER --addon-name metrics-server "
                                       "--configuration-values '{\"affinity\"",
                                       0) == 0;
  }
  EXPECT_TRUE(update_addon) << r.kubectl.back();
}

TEST(ManagerForm, TheScriptsMergedUpdateAddonNamesTheClusterDescribeClusterNamed) {
  Audit a;
  run_audit(a, kMetricsServerAddon, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN002").size(), 1u);
  std::vector<report::FixOfFinding> fixes{{a.of("HN002")[0], fix::render(*a.of("HN002")[0]), ""}};
  report::FixScriptOptions named;
  named.cluster_name = "prod-hybrid";
  std::string script = report::render_fix_script(fixes, {}, named);
  EXPECT_NE(script.find("aws eks update-addon --cluster-name 'prod-hybrid' --addon-name 'metrics-server' "),
            std::string::npos)
      << script;
  EXPECT_EQ(script.find("CLUSTER_NAME"), std::string::npos) << script;
  // Unnamed (no describe-cluster output), the script asks for it before running anything.
  std::string unnamed = report::render_fix_script(fixes, {}, report::FixScriptOptions{});
  EXPECT_NE(unnamed.find("--cluster-name \"${CLUSTER_NAME:?set CLUSTER_NAME}\" --addon-name 'metrics-server'"),
            std::string::npos)
      << unnamed;
}

TEST(ManagerForm, EksAddonsAreRecognisedByTheirComponentLabelAndStandardNames) {
  model::ObjectBase by_label;
  by_label.kind = "Deployment";
  by_label.meta.name = "coredns";
  by_label.meta.ns = "kube-system";
  by_label.meta.labels.set("eks.amazonaws.com/component", "coredns");
  analysis::Manager m = analysis::manager_of(by_label);
  EXPECT_EQ(m.kind, analysis::Manager::Kind::EksAddon);
  EXPECT_EQ(m.name, "coredns");
  model::ObjectBase aws_node;
  aws_node.kind = "DaemonSet";
  aws_node.meta.name = "aws-node";
  aws_node.meta.ns = "kube-system";
  m = analysis::manager_of(aws_node);
  EXPECT_EQ(m.kind, analysis::Manager::Kind::EksAddon);
  EXPECT_EQ(m.name, "vpc-cni");
  // A Helm label outweighs a name.
  aws_node.meta.annotations.set("meta.helm.sh/release-name", "aws-vpc-cni");
  EXPECT_EQ(analysis::manager_of(aws_node).kind, analysis::Manager::Kind::Helm);
}

const char* kCloudWatchOperator = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: amazon-cloudwatch-observability-controller-manager
  namespace: amazon-cloudwatch
  labels: {app.kubernetes.io/managed-by: EKS, app.kubernetes.io/name: amazon-cloudwatch-observability}
spec:
  replicas: 1
  selector: {matchLabels: {app.kubernetes.io/name: amazon-cloudwatch-observability}}
  template:
    metadata: {labels: {app.kubernetes.io/name: amazon-cloudwatch-observability}}
    spec:
      containers: [{name: manager, image: public.ecr.aws/cloudwatch-agent/cloudwatch-agent-operator:1.7.0}]
)";

TEST(ManagerForm, CloudWatchOperatorGetsOnlyThePatchWithTheWarningNoValues) {
  Audit a;
  run_audit(a, kCloudWatchOperator, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN012").size(), 1u);
  const rules::Finding& f = *a.of("HN012")[0];
  EXPECT_EQ(f.message.find("operator operator"), std::string::npos) << f.message;
  fix::RenderedFix r = fix::render(f);
  EXPECT_EQ(r.patches.size(), 1u);
  EXPECT_EQ(r.helm_values, "{}");
  EXPECT_EQ(r.eks_addon_configuration, "{}");
  for (const std::string& k : r.kubectl) EXPECT_EQ(k.find("update-addon"), std::string::npos) << k;
  EXPECT_NE(r.note.find("#2431"), std::string::npos) << r.note;
}

TEST(ManagerForm, AddonNamesAreNeverDoubled) {
  Audit a;
  run_audit(a, R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: aws-load-balancer-controller, namespace: kube-system}
spec:
  selector: {matchLabels: {app.kubernetes.io/name: aws-load-balancer-controller}}
  template:
    metadata: {labels: {app.kubernetes.io/name: aws-load-balancer-controller}}
    spec:
      containers: [{name: controller, image: public.ecr.aws/eks/aws-load-balancer-controller:v2.11.0}]
)",
            kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN012").size(), 1u);
  EXPECT_EQ(a.of("HN012")[0]->message.find("Controller controller"), std::string::npos) << a.of("HN012")[0]->message;
}

const char* kStartupApiCheck = R"(apiVersion: batch/v1
kind: Job
metadata:
  name: cert-manager-startupapicheck
  namespace: cert-manager
  annotations: {meta.helm.sh/release-name: cert-manager, meta.helm.sh/release-namespace: cert-manager}
  labels: {app.kubernetes.io/component: startupapicheck, helm.sh/chart: cert-manager-v1.14.4}
spec:
  template:
    metadata: {labels: {app.kubernetes.io/component: startupapicheck}}
    spec:
      restartPolicy: OnFailure
      containers: [{name: cert-manager-startupapicheck, image: quay.io/jetstack/cert-manager-startupapicheck:v1.14.4}]
)";

TEST(ManagerForm, CertManagerStartupApiCheckJobGetsTheHelmValueNeverAPatch) {
  Audit a;
  run_audit(a, kStartupApiCheck, kMixedNodes, model::PodNetwork::Unroutable);
  ASSERT_EQ(a.of("HN012").size(), 1u);
  fix::RenderedFix r = fix::render(*a.of("HN012")[0]);
  EXPECT_TRUE(r.patches.empty()) << r.patches[0].patch;
  for (const std::string& k : r.kubectl) EXPECT_EQ(k.find("kubectl patch job"), std::string::npos) << k;
  EXPECT_EQ(r.helm_values.rfind(R"({"startupapicheck":{"affinity":{"nodeAffinity")", 0), 0u) << r.helm_values;
  EXPECT_NE(r.note.find("immutable"), std::string::npos) << r.note;
}

}  // namespace manager_form_test
}  // namespace hybridctl::testing
