// Pins decode/skipped_fields: the bulky fields no rule reads are never built
// into a Value by either reader, yet a file stays all-or-nothing (a syntax
// error, an unknown alias or runaway nesting inside them is still an error),
// and the same key elsewhere (an OpenTelemetryCollector's free-form config)
// is kept.
#include "decode/skipped_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decode/json_value_builder.h"
#include "decode/yaml_reader.h"

namespace hybridctl::decode {
namespace skipped_fields_test {

std::vector<Value> read_yaml_docs(const std::string& text, YamlReadResult* result = nullptr) {
  std::vector<Value> docs;
  static const std::string path = "test.yaml";
  YamlReadResult r = read_yaml(text, 0, path, [&](Value&& v, const DocumentContext&) { docs.push_back(std::move(v)); });
  if (result) *result = r;
  return docs;
}

bool parse_json(const std::string& text, Value& out, std::string& error) {
  JsonValueBuilder builder;
  uint64_t error_offset = 0;
  return builder.parse(text, 0, out, error, error_offset, FieldScope::Object);
}

constexpr const char* kPodJson = R"({
  "apiVersion": "v1", "kind": "Pod",
  "metadata": {"name": "p", "labels": {"app": "a"},
               "managedFields": [{"manager": "kubelet", "fieldsV1": {"f:status": {}}}]},
  "spec": {"nodeName": "n1",
           "containers": [{"name": "c", "image": "i", "env": [{"name": "E", "value": "v"}],
                           "livenessProbe": {"httpGet": {"port": 8080}}, "ports": [{"containerPort": 80}]}],
           "volumes": [{"name": "v", "emptyDir": {}}]},
  "status": {"podIP": "10.0.0.1", "containerStatuses": [{"name": "c", "ready": true}]}
})";

TEST(SkippedFields, ScopesFollowTheObjectLayout) {
  bool skip = false;
  EXPECT_EQ(member_scope(FieldScope::Object, "metadata", skip), FieldScope::Metadata);
  EXPECT_FALSE(skip);
  // managedFields: each entry keeps its manager only (EKS add-ons are applied by "eks").
  EXPECT_EQ(member_scope(FieldScope::Metadata, "managedFields", skip), FieldScope::ManagedFields);
  EXPECT_FALSE(skip);
  EXPECT_EQ(element_scope(FieldScope::ManagedFields), FieldScope::FieldManager);
  member_scope(FieldScope::FieldManager, "fieldsV1", skip);
  EXPECT_TRUE(skip);
  member_scope(FieldScope::FieldManager, "manager", skip);
  EXPECT_FALSE(skip);
  member_scope(FieldScope::Metadata, "labels", skip);
  EXPECT_FALSE(skip);
  EXPECT_EQ(member_scope(FieldScope::Spec, "template", skip), FieldScope::Template);
  EXPECT_EQ(member_scope(FieldScope::Template, "spec", skip), FieldScope::Spec);
  EXPECT_EQ(member_scope(FieldScope::Spec, "containers", skip), FieldScope::Containers);
  EXPECT_EQ(element_scope(FieldScope::Containers), FieldScope::Container);
  member_scope(FieldScope::Container, "env", skip);
  EXPECT_TRUE(skip);
  member_scope(FieldScope::Container, "ports", skip);
  EXPECT_FALSE(skip);
  // `env` outside a container (e.g. inside a collector's config) is data.
  member_scope(FieldScope::Other, "env", skip);
  EXPECT_FALSE(skip);
  EXPECT_EQ(member_scope(FieldScope::Object, "items", skip), FieldScope::Items);
  EXPECT_EQ(element_scope(FieldScope::Items), FieldScope::Object);
}

TEST(SkippedFields, ConditionsKeepTypeAndStatusOnly) {
  bool skip = false;
  EXPECT_EQ(member_scope(FieldScope::Status, "conditions", skip), FieldScope::Conditions);
  EXPECT_FALSE(skip);
  EXPECT_EQ(element_scope(FieldScope::Conditions), FieldScope::Condition);
  for (const char* key : {"lastTransitionTime", "lastProbeTime", "lastHeartbeatTime", "message", "reason"}) {
    member_scope(FieldScope::Condition, key, skip);
    EXPECT_TRUE(skip) << key;
  }
  for (const char* key : {"type", "status"}) {
    member_scope(FieldScope::Condition, key, skip);
    EXPECT_FALSE(skip) << key;
  }
  // An EndpointSlice endpoint's `conditions` (ready, serving) are not status
  // conditions: nothing in them is skipped.
  EXPECT_EQ(member_scope(FieldScope::Other, "conditions", skip), FieldScope::Other);
  member_scope(FieldScope::Other, "message", skip);
  EXPECT_FALSE(skip);
}

TEST(SkippedFields, PodBookkeepingIsNotBuilt) {
  Value pod;
  std::string error;
  ASSERT_TRUE(parse_json(R"({"metadata": {"name": "p", "creationTimestamp": "2026-10-01T08:00:00Z",
                                          "resourceVersion": "100661"},
                             "spec": {"nodeName": "n", "schedulerName": "s", "dnsPolicy": "ClusterFirst",
                                      "restartPolicy": "Always", "serviceAccountName": "sa",
                                      "securityContext": {}, "terminationGracePeriodSeconds": 30},
                             "status": {"phase": "Running", "startTime": "2026-10-01T08:01:12Z",
                                        "qosClass": "Burstable",
                                        "conditions": [{"type": "Ready", "status": "True",
                                                        "lastTransitionTime": "2026-10-01T08:01:12Z"}]}})",
                         pod, error))
      << error;
  EXPECT_NE(pod.at({"metadata", "name"}), nullptr);
  EXPECT_EQ(pod.at({"metadata", "creationTimestamp"}), nullptr);
  EXPECT_EQ(pod.at({"metadata", "resourceVersion"}), nullptr);
  EXPECT_NE(pod.at({"spec", "nodeName"}), nullptr);
  EXPECT_NE(pod.at({"spec", "schedulerName"}), nullptr);
  for (const char* key :
       {"dnsPolicy", "restartPolicy", "serviceAccountName", "securityContext", "terminationGracePeriodSeconds"}) {
    EXPECT_EQ(pod.at({"spec", key}), nullptr) << key;
  }
  EXPECT_EQ(pod.at({"status", "startTime"}), nullptr);
  EXPECT_EQ(pod.at({"status", "qosClass"}), nullptr);
  const Value& ready = pod.at({"status", "conditions"})->items().at(0);
  EXPECT_EQ(ready.get("type")->text(), "Ready");
  EXPECT_EQ(ready.get("status")->text(), "True");
  EXPECT_EQ(ready.get("lastTransitionTime"), nullptr);
}

// Of each managedFields entry only its manager is built.
void expect_only_managers(const Value* managed_fields, const char* manager) {
  ASSERT_NE(managed_fields, nullptr);
  ASSERT_EQ(managed_fields->items().size(), 1u);
  const Value& entry = managed_fields->items()[0];
  EXPECT_EQ(entry.get("manager")->text(), manager);
  EXPECT_EQ(entry.get("fieldsV1"), nullptr);
}

TEST(SkippedFields, JsonPodKeepsWhatRulesReadOnly) {
  Value pod;
  std::string error;
  ASSERT_TRUE(parse_json(kPodJson, pod, error)) << error;
  expect_only_managers(pod.at({"metadata", "managedFields"}), "kubelet");
  EXPECT_NE(pod.at({"metadata", "labels"}), nullptr);
  const Value& container = pod.at({"spec", "containers"})->items().at(0);
  EXPECT_EQ(container.get("env"), nullptr);
  EXPECT_EQ(container.get("livenessProbe"), nullptr);
  EXPECT_NE(container.get("ports"), nullptr);
  EXPECT_EQ(pod.at({"spec", "volumes"}), nullptr);
  EXPECT_EQ(pod.at({"status", "containerStatuses"}), nullptr);
  EXPECT_EQ(pod.at({"status", "podIP"})->text(), "10.0.0.1");
}

TEST(SkippedFields, JsonSyntaxErrorInsideASkippedFieldIsStillAnError) {
  Value v;
  std::string error;
  EXPECT_FALSE(parse_json(R"({"metadata": {"name": "x", "managedFields": [1,, 2]}})", v, error));
  EXPECT_FALSE(parse_json(R"({"metadata": {"managedFields": [{"a" 1}]}})", v, error));
  EXPECT_FALSE(parse_json(R"({"spec": {"volumes": [tru]}})", v, error));
}

TEST(SkippedFields, JsonListItemsAreObjectsToo) {
  Value list;
  std::string error;
  ASSERT_TRUE(parse_json(std::string(R"({"kind": "List", "items": [)") + kPodJson + "]}", list, error)) << error;
  expect_only_managers(list.get("items")->items().at(0).at({"metadata", "managedFields"}), "kubelet");
}

TEST(SkippedFields, OpenTelemetryCollectorConfigIsKeptWhole) {
  Value otel;
  std::string error;
  ASSERT_TRUE(parse_json(R"({"kind": "OpenTelemetryCollector",
      "spec": {"config": {"env": [1], "volumes": {"a": 1}, "receivers": {"prometheus": {}}}}})",
                         otel, error))
      << error;
  EXPECT_NE(otel.at({"spec", "config", "env"}), nullptr);
  EXPECT_NE(otel.at({"spec", "config", "volumes"}), nullptr);
}

TEST(SkippedFields, YamlPodKeepsWhatRulesReadOnly) {
  auto docs = read_yaml_docs(R"(apiVersion: v1
kind: Pod
metadata:
  name: p
  managedFields:
  - manager: kubelet
    fieldsV1: {"f:status": {}}
spec:
  containers:
  - name: c
    env:
    - name: E
      value: v
    readinessProbe: {httpGet: {port: 80}}
    image: i
  volumes: []
status:
  containerStatuses: [{name: c}]
  phase: Running
)");
  ASSERT_EQ(docs.size(), 1u);
  expect_only_managers(docs[0].at({"metadata", "managedFields"}), "kubelet");
  EXPECT_EQ(docs[0].at({"metadata", "name"})->text(), "p");
  const Value& c = docs[0].at({"spec", "containers"})->items().at(0);
  EXPECT_EQ(c.get("env"), nullptr);
  EXPECT_EQ(c.get("readinessProbe"), nullptr);
  EXPECT_EQ(c.get("image")->text(), "i");
  EXPECT_EQ(docs[0].at({"spec", "volumes"}), nullptr);
  EXPECT_EQ(docs[0].at({"status", "containerStatuses"}), nullptr);
  EXPECT_EQ(docs[0].at({"status", "phase"})->text(), "Running");
}

TEST(SkippedFields, YamlWithAnchorsSkipsNothingSoAliasesResolve) {
  // The anchor sits in a field that would be skipped; its alias in one that is read.
  auto docs = read_yaml_docs(R"(kind: Deployment
spec:
  template:
    spec:
      containers:
      - name: a
        env: &common
        - name: E
          value: v
      - name: b
        env: *common
  selector:
    matchLabels: &labels {app: x}
metadata:
  labels: *labels
)");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].at({"metadata", "labels", "app"})->text(), "x");
  EXPECT_NE(docs[0].at({"spec", "template", "spec", "containers"})->items().at(1).get("env"), nullptr);
}

TEST(SkippedFields, YamlUnknownAliasInsideASkippedFieldIsStillAnError) {
  YamlReadResult r;
  read_yaml_docs("kind: Pod\nmetadata:\n  managedFields:\n  - *nowhere\n", &r);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("unknown alias"), std::string::npos) << r.error;
}

TEST(SkippedFields, YamlNestingInsideASkippedFieldIsStillBounded) {
  std::string deep = "kind: Pod\nmetadata:\n  managedFields: ";
  for (int i = 0; i < 600; ++i) deep += "[";
  for (int i = 0; i < 600; ++i) deep += "]";
  deep += "\n";
  YamlReadResult r;
  read_yaml_docs(deep, &r);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nesting deeper"), std::string::npos) << r.error;
}

}  // namespace skipped_fields_test
}  // namespace hybridctl::decode
