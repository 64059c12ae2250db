// HN012: a component of an add-on the source document asks to run on
// cloud nodes (here the AWS Load Balancer Controller and cert-manager, as
// their Helm charts render them) can run on hybrid nodes. The severity
// follows RULES.md: the controller is an error whatever the routability;
// cert-manager's webhook an error and its other components a warning on an
// unroutable pod network, one lower when routability is unknown, info when
// routable. A component pinned to cloud nodes and an application that is no
// add-on stay silent.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn012_test {

// A Deployment as `helm template` renders it: `name` is its
// app.kubernetes.io/name, `chart_labels` the rest of its labels.
std::string deployment(const std::string& ns, const std::string& name, const std::string& app,
                       const std::string& chart_labels, const std::string& image, const std::string& affinity = "") {
  const std::string labels = "{app.kubernetes.io/name: " + app + chart_labels + "}";
  return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name + "\n  namespace: " + ns +
         "\n  labels: " + labels +
         "\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app.kubernetes.io/name: " + app +
         "}\n  template:\n    metadata:\n      labels: " + labels + "\n    spec:\n      serviceAccountName: " + name +
         affinity + "\n      containers:\n      - name: " + app + "\n        image: " + image +
         "\n        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n";
}

// `helm template` of the two charts (the parts HN012 reads) and an application.
std::string manifests() {
  const std::string lbc =
      ", app.kubernetes.io/instance: aws-load-balancer-controller, app.kubernetes.io/managed-by: Helm, "
      "helm.sh/chart: aws-load-balancer-controller-1.8.2";
  const std::string cert_manager =
      ", app.kubernetes.io/instance: cert-manager, app.kubernetes.io/managed-by: Helm, helm.sh/chart: "
      "cert-manager-v1.19.4, app.kubernetes.io/component: ";
  return deployment("kube-system", "aws-load-balancer-controller", "aws-load-balancer-controller", lbc,
                    "public.ecr.aws/eks/aws-load-balancer-controller:v2.8.2") +
         deployment("cert-manager", "cert-manager", "cert-manager", cert_manager + "controller",
                    "quay.io/jetstack/cert-manager-controller:v1.19.4") +
         deployment("cert-manager", "cert-manager-webhook", "webhook", cert_manager + "webhook",
                    "quay.io/jetstack/cert-manager-webhook:v1.19.4") +
         deployment("cert-manager", "cert-manager-cainjector", "cainjector", cert_manager + "cainjector",
                    "quay.io/jetstack/cert-manager-cainjector:v1.19.4", kRequireCloudNodes) +
         deployment("shop", "checkout", "checkout", ", app.kubernetes.io/instance: checkout",
                    "registry.example.com/checkout:2.3");
}

constexpr size_t kManifestObjects = 5;

std::vector<ObjectFindings> table(std::set<std::string> controller, std::set<std::string> cert_manager,
                                  std::set<std::string> webhook) {
  return {
      {"Node ip-10-0-1-10.us-west-2.compute.internal", {}},
      {"Node mi-0a1b2c3d4e5f60001", {}},
      {"Deployment kube-system/aws-load-balancer-controller", std::move(controller)},
      {"Deployment cert-manager/cert-manager", std::move(cert_manager)},
      {"Deployment cert-manager/cert-manager-webhook", std::move(webhook)},
      {"Deployment cert-manager/cert-manager-cainjector", {}},
      {"Deployment shop/checkout", {}},
  };
}

std::string mixed_cluster() { return yaml_stream({kubectl_cloud_node(), kubectl_hybrid_node()}) + manifests(); }

TEST(RuleHN012, UnroutablePodNetworkMakesTheWebhookAnErrorAndOtherComponentsWarnings) {
  Audit a;
  run_audit(a, mixed_cluster(), "", model::PodNetwork::Unroutable);
  expect_exact_findings(a, 2 + kManifestObjects, table({"HN012 error"}, {"HN012 warning"}, {"HN012 error"}));
}

TEST(RuleHN012, RoutablePodNetworkLeavesOnlyTheLoadBalancerControllerAnError) {
  // The document still recommends cloud nodes for the others: info.
  Audit a;
  run_audit(a, mixed_cluster(), "", model::PodNetwork::Routable);
  expect_exact_findings(a, 2 + kManifestObjects, table({"HN012 error"}, {"HN012 info"}, {"HN012 info"}));
}

TEST(RuleHN012, UnknownRoutabilityLowersCertManagerOneSeverity) {
  Audit a;
  run_audit(a, mixed_cluster(), "", std::nullopt);
  std::vector<ObjectFindings> rows = table({"HN012 error"}, {"HN012 info"}, {"HN012 warning"});
  rows.push_back({"Cluster cluster", {"HN015 info"}});
  expect_exact_findings(a, 2 + kManifestObjects, rows);
}

TEST(RuleHN012, ACloudOnlyClusterHasNoHybridNodeToKeepAddOnsOff) {
  Audit a;
  run_audit(a, kubectl_cloud_node() + manifests(), "", model::PodNetwork::Unroutable);
  std::vector<ObjectFindings> rows = table({}, {}, {});
  rows.erase(rows.begin() + 1);  // the hybrid node
  expect_exact_findings(a, 1 + kManifestObjects, rows);
}

}  // namespace hn012_test
}  // namespace hybridctl::testing
