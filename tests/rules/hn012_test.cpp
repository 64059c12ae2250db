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
namespace {

const char* kCloudNode = R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels:
    kubernetes.io/hostname: ip-10-0-1-10.us-west-2.compute.internal
    kubernetes.io/os: linux
    topology.kubernetes.io/region: us-west-2
    topology.kubernetes.io/zone: us-west-2a
    eks.amazonaws.com/nodegroup: default
spec:
  providerID: aws:///us-west-2a/i-0a1b2c3d4e5f60001
status:
  addresses:
  - {type: InternalIP, address: 10.0.1.10}
  allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
  conditions:
  - {type: Ready, status: "True"}
)";

const char* kHybridNode = R"(apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60001
  labels:
    kubernetes.io/hostname: mi-0a1b2c3d4e5f60001
    kubernetes.io/os: linux
    eks.amazonaws.com/compute-type: hybrid
    topology.kubernetes.io/zone: onprem
spec:
  podCIDRs: [10.85.1.0/24]
status:
  addresses:
  - {type: InternalIP, address: 10.80.0.11}
  allocatable: {cpu: "4", memory: 15Gi, pods: "110"}
  conditions:
  - {type: Ready, status: "True"}
)";

// `helm template` of the two charts (the parts HN012 reads) and an application.
const char* kManifests = R"(---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: aws-load-balancer-controller
  namespace: kube-system
  labels: {app.kubernetes.io/name: aws-load-balancer-controller, app.kubernetes.io/instance: aws-load-balancer-controller, app.kubernetes.io/managed-by: Helm, helm.sh/chart: aws-load-balancer-controller-1.8.2}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/name: aws-load-balancer-controller, app.kubernetes.io/instance: aws-load-balancer-controller}
  template:
    metadata:
      labels: {app.kubernetes.io/name: aws-load-balancer-controller, app.kubernetes.io/instance: aws-load-balancer-controller, app.kubernetes.io/managed-by: Helm, helm.sh/chart: aws-load-balancer-controller-1.8.2}
    spec:
      serviceAccountName: aws-load-balancer-controller
      containers:
      - name: aws-load-balancer-controller
        image: public.ecr.aws/eks/aws-load-balancer-controller:v2.8.2
        resources:
          requests: {cpu: 100m, memory: 128Mi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cert-manager
  namespace: cert-manager
  labels: {app.kubernetes.io/name: cert-manager, app.kubernetes.io/instance: cert-manager, app.kubernetes.io/component: controller, app.kubernetes.io/managed-by: Helm, helm.sh/chart: cert-manager-v1.19.4}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/name: cert-manager, app.kubernetes.io/instance: cert-manager}
  template:
    metadata:
      labels: {app.kubernetes.io/name: cert-manager, app.kubernetes.io/instance: cert-manager, app.kubernetes.io/component: controller, app.kubernetes.io/managed-by: Helm, helm.sh/chart: cert-manager-v1.19.4}
    spec:
      serviceAccountName: cert-manager
      containers:
      - name: cert-manager
        image: quay.io/jetstack/cert-manager-controller:v1.19.4
        resources:
          requests: {cpu: 100m, memory: 128Mi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cert-manager-webhook
  namespace: cert-manager
  labels: {app.kubernetes.io/name: webhook, app.kubernetes.io/instance: cert-manager, app.kubernetes.io/component: webhook, app.kubernetes.io/managed-by: Helm, helm.sh/chart: cert-manager-v1.19.4}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/name: webhook, app.kubernetes.io/instance: cert-manager}
  template:
    metadata:
      labels: {app.kubernetes.io/name: webhook, app.kubernetes.io/instance: cert-manager, app.kubernetes.io/component: webhook, app.kubernetes.io/managed-by: Helm, helm.sh/chart: cert-manager-v1.19.4}
    spec:
      serviceAccountName: cert-manager-webhook
      containers:
      - name: webhook
        image: quay.io/jetstack/cert-manager-webhook:v1.19.4
        resources:
          requests: {cpu: 100m, memory: 128Mi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cert-manager-cainjector
  namespace: cert-manager
  labels: {app.kubernetes.io/name: cainjector, app.kubernetes.io/instance: cert-manager, app.kubernetes.io/component: cainjector, app.kubernetes.io/managed-by: Helm, helm.sh/chart: cert-manager-v1.19.4}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/name: cainjector, app.kubernetes.io/instance: cert-manager}
  template:
    metadata:
      labels: {app.kubernetes.io/name: cainjector, app.kubernetes.io/instance: cert-manager, app.kubernetes.io/component: cainjector, app.kubernetes.io/managed-by: Helm, helm.sh/chart: cert-manager-v1.19.4}
    spec:
      serviceAccountName: cert-manager-cainjector
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
      containers:
      - name: cainjector
        image: quay.io/jetstack/cert-manager-cainjector:v1.19.4
        resources:
          requests: {cpu: 100m, memory: 128Mi}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: checkout
  namespace: shop
  labels: {app.kubernetes.io/name: checkout, app.kubernetes.io/instance: checkout}
spec:
  replicas: 2
  selector:
    matchLabels: {app.kubernetes.io/name: checkout, app.kubernetes.io/instance: checkout}
  template:
    metadata:
      labels: {app.kubernetes.io/name: checkout, app.kubernetes.io/instance: checkout}
    spec:
      serviceAccountName: checkout
      containers:
      - name: checkout
        image: registry.example.com/checkout:2.3
        resources:
          requests: {cpu: 100m, memory: 128Mi}
)";

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

std::string mixed_cluster() { return std::string(kCloudNode) + "---\n" + kHybridNode + kManifests; }

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
  run_audit(a, std::string(kCloudNode) + kManifests, "", model::PodNetwork::Unroutable);
  std::vector<ObjectFindings> rows = table({}, {}, {});
  rows.erase(rows.begin() + 1);  // the hybrid node
  expect_exact_findings(a, 1 + kManifestObjects, rows);
}

}  // namespace
}  // namespace hybridctl::testing
