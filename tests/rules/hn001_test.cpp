// HN001: a backend the control plane calls (here admission webhooks) has a
// ready endpoint on a hybrid node whose pod network it cannot reach. The
// fixture is what `kubectl get -o yaml` prints for a small mixed cluster: a
// Fail webhook and an Ignore webhook served from a hybrid node, and a Fail
// webhook whose Deployment is kept on cloud nodes.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn001_test {

// An admission webhook configuration with one webhook calling Service
// `ns`/`service`; `extra` holds the webhook's other fields (failurePolicy:
// Fail, the v1 default, when it names none).
std::string webhook_configuration(const std::string& kind, const std::string& name, const std::string& webhook,
                                  const std::string& ns, const std::string& service, const std::string& extra = "") {
  return "---\napiVersion: admissionregistration.k8s.io/v1\nkind: " + kind + "\nmetadata:\n  name: " + name +
         "\nwebhooks:\n- name: " + webhook + "\n  admissionReviewVersions: [v1]\n  sideEffects: None\n" + extra +
         "  clientConfig:\n    service: {name: " + service + ", namespace: " + ns +
         ", port: 443}\n  rules:\n  - {apiGroups: [\"\"], apiVersions: [v1], operations: [CREATE], resources: "
         "[pods]}\n";
}

// A webhook server as kubectl prints it: the Deployment, its ReplicaSet, the
// running pod on `node`, the Service and its EndpointSlice (5 objects).
std::string webhook_backend(const std::string& ns, const std::string& name, const std::string& node,
                            const std::string& ip, const std::string& affinity = "") {
  return R"(---
apiVersion: apps/v1
kind: Deployment
metadata: {name: )" +
         name + ", namespace: " + ns + ", labels: {app: " + name + R"(}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: )" +
         name + R"(}
  template:
    metadata:
      labels: {app: )" +
         name + R"(}
    spec:)" +
         affinity +
         R"(
      containers:
      - name: server
        image: registry.example.com/webhook:1.0
        ports:
        - {containerPort: 8443, name: https, protocol: TCP}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
status: {replicas: 1, readyReplicas: 1}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: )" +
         name +
         R"(-7c9d8f6b5
  namespace: )" +
         ns + R"(
  labels: {app: )" +
         name + R"(, pod-template-hash: 7c9d8f6b5}
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: )" +
         name + R"(, uid: 0b6e2f5a-1111-4c1e-9a7e-3a9b1c2d3e4f, controller: true, blockOwnerDeletion: true}
spec:
  replicas: 1
  selector:
    matchLabels: {app: )" +
         name + R"(, pod-template-hash: 7c9d8f6b5}
  template:
    metadata:
      labels: {app: )" +
         name + R"(, pod-template-hash: 7c9d8f6b5}
    spec:
      containers:
      - {name: server, image: registry.example.com/webhook:1.0}
---
apiVersion: v1
kind: Pod
metadata:
  name: )" +
         name +
         R"(-7c9d8f6b5-x2x9q
  namespace: )" +
         ns + R"(
  labels: {app: )" +
         name + R"(, pod-template-hash: 7c9d8f6b5}
  ownerReferences:
  - {apiVersion: apps/v1, kind: ReplicaSet, name: )" +
         name + R"(-7c9d8f6b5, uid: 5f0c7a4e-2222-4b7d-8c1e-3a9b1c2d3e4f, controller: true, blockOwnerDeletion: true}
spec:
  nodeName: )" +
         node +
         R"(
  containers:
  - name: server
    image: registry.example.com/webhook:1.0
    resources:
      requests: {cpu: 100m, memory: 64Mi}
status:
  phase: Running
  podIP: )" +
         ip +
         R"(
  podIPs:
  - {ip: )" +
         ip +
         R"(}
  conditions:
  - {type: Ready, status: "True"}
---
apiVersion: v1
kind: Service
metadata: {name: )" +
         name + ", namespace: " + ns + R"(}
spec:
  type: ClusterIP
  selector: {app: )" +
         name + R"(}
  ports:
  - {name: https, port: 443, protocol: TCP, targetPort: 8443}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: )" +
         name +
         R"(-abcde
  namespace: )" +
         ns + R"(
  labels: {kubernetes.io/service-name: )" +
         name + R"(, endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}
addressType: IPv4
endpoints:
- addresses: [)" +
         ip + R"(]
  conditions: {ready: true, serving: true, terminating: false}
  nodeName: )" +
         node + R"(
  targetRef: {kind: Pod, name: )" +
         name + "-7c9d8f6b5-x2x9q, namespace: " + ns + R"(}
ports:
- {name: https, port: 8443, protocol: TCP}
)";
}

std::string fixture() {
  return yaml_stream({kubectl_cloud_node(), kubectl_hybrid_node()}) +
         webhook_configuration("ValidatingWebhookConfiguration", "policy-validator", "validate.policy.example.com",
                               "policy", "policy-webhook") +
         webhook_configuration("MutatingWebhookConfiguration", "sidecar-injector", "inject.sidecar.example.com", "mesh",
                               "injector", "  failurePolicy: Ignore\n  timeoutSeconds: 5\n") +
         webhook_configuration("ValidatingWebhookConfiguration", "cloud-validator", "validate.cloud.example.com",
                               "guard", "cloud-webhook") +
         webhook_backend("policy", "policy-webhook", "mi-0a1b2c3d4e5f60001", "10.85.1.21") +
         webhook_backend("mesh", "injector", "mi-0a1b2c3d4e5f60001", "10.85.1.22") +
         webhook_backend("guard", "cloud-webhook", "ip-10-0-1-10.us-west-2.compute.internal", "10.0.1.23",
                         kRequireCloudNodes);
}

constexpr size_t kObjects = 2 + 3 + 3 * 5;

// Every object of the fixture; `policy` and `injector` are the Deployments'
// expected findings, the rest are silent.
std::vector<ObjectFindings> table(std::set<std::string> policy, std::set<std::string> injector) {
  std::vector<ObjectFindings> rows = {
      {"Node ip-10-0-1-10.us-west-2.compute.internal", {}},    {"Node mi-0a1b2c3d4e5f60001", {}},
      {"ValidatingWebhookConfiguration policy-validator", {}}, {"MutatingWebhookConfiguration sidecar-injector", {}},
      {"ValidatingWebhookConfiguration cloud-validator", {}},  {"Deployment policy/policy-webhook", std::move(policy)},
      {"Deployment mesh/injector", std::move(injector)},       {"Deployment guard/cloud-webhook", {}},
  };
  for (const char* backend : {"policy/policy-webhook", "mesh/injector", "guard/cloud-webhook"}) {
    const std::string b = backend;
    for (const std::string_view kind : {"ReplicaSet ", "Pod ", "Service ", "EndpointSlice "}) {
      std::string suffix = kind == "ReplicaSet "      ? "-7c9d8f6b5"
                           : kind == "Pod "           ? "-7c9d8f6b5-x2x9q"
                           : kind == "EndpointSlice " ? "-abcde"
                                                      : "";
      rows.push_back({std::string(kind) + b + suffix, {}});
    }
  }
  return rows;
}

TEST(RuleHN001, UnroutablePodNetworkFlagsWebhooksServedFromHybridNodesByFailurePolicy) {
  // Fail rejects every matching request while the backend is unreachable:
  // critical; Ignore makes each request wait out timeoutSeconds: error.
  Audit a;
  run_audit(a, fixture(), "", model::PodNetwork::Unroutable);
  expect_exact_findings(a, kObjects, table({"HN001 critical"}, {"HN001 error"}));
}

TEST(RuleHN001, RoutablePodNetworkLeavesEveryWebhookReachable) {
  Audit a;
  run_audit(a, fixture(), "", model::PodNetwork::Routable);
  expect_exact_findings(a, kObjects, table({}, {}));
}

TEST(RuleHN001, UnknownRoutabilityLowersEachFindingOneSeverityAndSaysSoOnce) {
  // Nothing in the fixture says whether the VPC routes 10.85.1.0/24: HN015
  // says so for the cluster, and HN001 reports one level lower.
  Audit a;
  run_audit(a, fixture(), "", std::nullopt);
  std::vector<ObjectFindings> rows = table({"HN001 error"}, {"HN001 warning"});
  rows.push_back({"Cluster cluster", {"HN015 info"}});
  expect_exact_findings(a, kObjects, rows);
}

TEST(RuleHN001, AFixedTemplateWithPodsStillOnHybridNodesGetsARolloutRestartNotAnotherPatch) {
  // After `fix --write`: the template requires cloud nodes, the running pod is still on the hybrid node.
  Audit a;
  run_audit(a,
            yaml_stream({kubectl_cloud_node(), kubectl_hybrid_node()}) +
                webhook_configuration("ValidatingWebhookConfiguration", "policy-validator",
                                      "validate.policy.example.com", "policy", "policy-webhook") +
                webhook_backend("policy", "policy-webhook", kHybridNodeName, "10.85.1.21", kRequireCloudNodes),
            "", model::PodNetwork::Unroutable);
  std::vector<const rules::Finding*> f = a.of("HN001");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("The pod template is fixed (it already requires cloud nodes), but the running pods"),
            std::string::npos)
      << f[0]->message;
  fix::RenderedFix r = fix::render(*f[0]);
  EXPECT_TRUE(r.patches.empty()) << r.patches.front().patch;
  EXPECT_EQ(r.kubectl, std::vector<std::string>{"kubectl rollout restart deployment/policy-webhook -n policy"});
  EXPECT_NE(r.note.find("roll them out"), std::string::npos) << r.note;
  for (const rules::Finding* g : a.of("HN002")) {
    EXPECT_TRUE(fix::render(*g).patches.empty()) << g->message;
  }
}

}  // namespace hn001_test
}  // namespace hybridctl::testing
