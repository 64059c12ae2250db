// Pins the field-position table as decode fills it (model/field_positions.h,
// decode/field_positions_recorder.h): for JSON, a JSON List, block-style YAML
// (the block scanner), YAML libfyaml reads (an anchor), multi-document YAML,
// the key's and the value's byte offsets and the key's line:column; an
// absent member answered by its nearest recorded ancestor; and the table's
// size against the file's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "decode/sources.h"
#include "decode/yaml_reader.h"
#include "model/snapshot.h"

namespace hybridctl::decode {
namespace field_positions_test {

// A file with `text`, removed at the end of the test.
class InputFile {
 public:
  InputFile(const std::string& text, const std::string& name) {
    path_ = (std::filesystem::temp_directory_path() / ("hybridctl-fieldpos-" + std::to_string(::getpid()) + "-" + name))
                .string();
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~InputFile() { std::filesystem::remove(path_); }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

model::Snapshot load(const InputFile& file) {
  model::Snapshot s;
  Diagnostics d;
  load_file(file.path(), s, d, LoadOptions{.field_positions = true});
  EXPECT_FALSE(d.has_errors()) << (d.items().empty() ? "" : d.items().front().format());
  s.build_indexes();
  return s;
}

// The 1-based line and column of byte `offset` in `text`.
std::pair<uint32_t, uint32_t> line_col(const std::string& text, size_t offset) {
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// Checks the recorded position of `pointer` against where `key` and `value` first occur after `from`.
void expect_at(const model::Snapshot& s, const model::Origin& o, const std::string& text, const std::string& pointer,
               const std::string& key, const std::string& value, size_t from = 0) {
  auto p = s.field_positions.find(o, pointer);
  ASSERT_TRUE(p.has_value()) << pointer;
  size_t key_at = text.find(key, from);
  ASSERT_NE(key_at, std::string::npos) << key;
  EXPECT_EQ(p->key_offset, key_at) << pointer;
  EXPECT_EQ(p->value_offset, text.find(value, key_at + key.size())) << pointer;
  EXPECT_EQ(p->file, o.file);
  auto [line, column] = line_col(text, key_at);
  EXPECT_EQ(p->line, line) << pointer;
  EXPECT_EQ(p->column, column) << pointer;
}

const char* kDeploymentYaml = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      affinity:
        nodeAffinity: {}
      containers:
      - name: web
        image: nginx
)";

TEST(FieldPositions, BlockStyleYamlRecordsKeyAndValueOffsetsAndTheKeysLine) {
  std::string text = kDeploymentYaml;
  InputFile f(text, "deploy.yaml");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.workloads.size(), 1u);
  const model::Origin& o = s.workloads[0].origin;
  expect_at(s, o, text, "/spec/replicas", "replicas", "3");
  expect_at(s, o, text, "/spec/template/spec/affinity", "affinity", "nodeAffinity");
  expect_at(s, o, text, "/spec/template/spec/nodeSelector", "nodeSelector", "kubernetes.io/os");
  expect_at(s, o, text, "/spec/template/spec", "spec:", "nodeSelector", text.find("    spec:"));
  auto affinity = s.field_positions.find(o, "/spec/template/spec/affinity");
  ASSERT_TRUE(affinity);
  EXPECT_EQ(affinity->line, 15u);
  EXPECT_EQ(affinity->column, 7u);
}

TEST(FieldPositions, AreRecordedOnlyWhenTheLoadAsksForThem) {
  // Only fix reads the table; audit, simulate, traffic and webhooks load without it.
  InputFile f(kDeploymentYaml, "deploy.yaml");
  model::Snapshot without;
  Diagnostics d;
  load_file(f.path(), without, d);
  without.build_indexes();
  ASSERT_EQ(without.workloads.size(), 1u);
  EXPECT_EQ(without.field_positions.size(), 0u);
  EXPECT_FALSE(without.field_positions.find(without.workloads[0].origin, "/spec/replicas"));
  EXPECT_GT(load(f).field_positions.size(), 0u);
}

TEST(FieldPositions, JsonRecordsTheQuotedKeyAndTheValue) {
  std::string text = R"({
  "apiVersion": "v1",
  "kind": "Service",
  "metadata": {"name": "web", "namespace": "shop",
    "annotations": {"service.kubernetes.io/topology-mode": "Auto"}},
  "spec": {"selector": {"app": "web"}, "trafficDistribution": "PreferClose"}
})";
  InputFile f(text, "svc.json");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.services.size(), 1u);
  const model::Origin& o = s.services[0].origin;
  expect_at(s, o, text, "/spec/trafficDistribution", "\"trafficDistribution\"", "\"PreferClose\"");
  expect_at(s, o, text, "/metadata/annotations/service.kubernetes.io~1topology-mode",
            "\"service.kubernetes.io/topology-mode\"", "\"Auto\"");
  expect_at(s, o, text, "/spec", "\"spec\"", "{");
}

TEST(FieldPositions, JsonListItemsRecordFileOffsetsPerObject) {
  std::string text = R"({"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "a", "labels": {"zone": "z1"}}},
  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "b", "labels": {"zone": "z2"}}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cilium-config", "namespace": "kube-system"},
   "data": {"enable-service-topology": "false", "unread": "x"}}
]})";
  InputFile f(text, "list.json");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.nodes.size(), 2u);
  ASSERT_EQ(s.config_maps.size(), 1u);
  expect_at(s, s.nodes[0].origin, text, "/metadata/labels/zone", "\"zone\"", "\"z1\"");
  expect_at(s, s.nodes[1].origin, text, "/metadata/labels/zone", "\"zone\"", "\"z2\"", text.find("\"b\""));
  expect_at(s, s.config_maps[0].origin, text, "/data/enable-service-topology", "\"enable-service-topology\"",
            "\"false\"");
  // Only the ConfigMap keys the model keeps are recorded.
  EXPECT_FALSE(s.field_positions.find(s.config_maps[0].origin, "/data/unread"));
}

TEST(FieldPositions, MultiDocumentYamlCountsOffsetsFromTheFileStart) {
  std::string second = R"(apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  trafficDistribution: PreferClose
)";
  std::string text = std::string(kDeploymentYaml) + "---\n" + second;
  InputFile f(text, "two.yaml");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.services.size(), 1u);
  size_t second_start = text.find("---\n");
  expect_at(s, s.services[0].origin, text, "/spec/trafficDistribution", "trafficDistribution", "PreferClose",
            second_start);
  auto p = s.field_positions.find(s.services[0].origin, "/spec/trafficDistribution");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->line, 20u + 6u);
}

TEST(FieldPositions, YamlReadByLibfyamlRecordsOffsetsAndAMergedMemberPointsAtItsAnchor) {
  // The anchor and merge key are outside the block scanner's subset: libfyaml reads this document.
  std::string text = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      common: &common
        nodeSelector:
          disk: ssd
      <<: *common
      affinity: {}
)";
  YamlReadResult how = read_yaml(text, 0, "x", [](Value&&, const DocumentContext&) {});
  ASSERT_TRUE(how.ok);
  ASSERT_EQ(how.libfyaml_ranges, 1u);
  InputFile f(text, "anchor.yaml");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.workloads.size(), 1u);
  const model::Origin& o = s.workloads[0].origin;
  expect_at(s, o, text, "/spec/template/spec/affinity", "affinity", "{}");
  // The merged nodeSelector is written once, under the anchor: that is where its text is.
  expect_at(s, o, text, "/spec/template/spec/nodeSelector", "nodeSelector", "disk");
}

TEST(FieldPositions, AnAbsentMemberIsAnsweredByItsNearestRecordedAncestor) {
  std::string text = kDeploymentYaml;
  InputFile f(text, "absent.yaml");
  model::Snapshot s = load(f);
  const model::Origin& o = s.workloads[0].origin;
  EXPECT_FALSE(s.field_positions.find(o, "/spec/template/spec/topologySpreadConstraints"));
  auto nearest = s.field_positions.find_nearest(o, "/spec/template/spec/topologySpreadConstraints");
  ASSERT_TRUE(nearest);
  EXPECT_FALSE(nearest->exact);
  EXPECT_EQ(nearest->pointer, "/spec/template/spec");
  EXPECT_EQ(nearest->position.key_offset, text.find("    spec:") + 4);
  auto exact = s.field_positions.find_nearest(o, "/spec/replicas");
  ASSERT_TRUE(exact);
  EXPECT_TRUE(exact->exact);
  // Another object's origin finds nothing.
  EXPECT_FALSE(s.field_positions.find_nearest(model::Origin{o.file, o.line + 1, o.column}, "/spec/replicas"));
}

TEST(FieldPositions, KindsNoFixTargetsRecordNothing) {
  std::string text = R"(apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  nodeSelector:
    a: b
)";
  InputFile f(text, "pod.yaml");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.pods.size(), 1u);
  EXPECT_EQ(s.field_positions.size(), 0u);
}

// A Deployment as `kubectl get -o yaml` prints it, about 3 KB (managedFields and status included).
std::string dumped_deployment(int i) {
  std::string name = "web-" + std::to_string(i);
  std::string d = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
                  "\n  namespace: shop\n  uid: 0c6b7d0e-3f4a-4b8e-9a51-" + std::to_string(100000000000 + i) +
                  "\n  resourceVersion: \"123456\"\n  generation: 3\n  labels:\n    app: " + name +
                  "\n  annotations:\n    deployment.kubernetes.io/revision: \"3\"\n  managedFields:\n";
  for (const char* manager : {"kubectl-client-side-apply", "kube-controller-manager"}) {
    d += "  - apiVersion: apps/v1\n    fieldsType: FieldsV1\n    fieldsV1:\n      f:spec:\n        f:replicas: {}\n"
         "        f:template:\n          f:spec:\n            f:containers:\n              k:{\"name\":\"web\"}:\n"
         "                f:image: {}\n                f:resources: {}\n    manager: ";
    d += manager;
    d += "\n    operation: Update\n    time: \"2026-01-01T00:00:00Z\"\n";
  }
  d += "spec:\n  replicas: 3\n  revisionHistoryLimit: 10\n  selector:\n    matchLabels:\n      app: " + name +
       "\n  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 25%\n    type: RollingUpdate\n"
       "  template:\n    metadata:\n      labels:\n        app: " +
       name +
       "\n    spec:\n      nodeSelector:\n        kubernetes.io/os: linux\n      affinity:\n        nodeAffinity: {}\n"
       "      containers:\n      - name: web\n        image: registry.example.com/shop/web:1.2.3\n"
       "        imagePullPolicy: IfNotPresent\n        ports:\n        - containerPort: 8080\n          protocol: TCP\n"
       "        resources:\n          requests:\n            cpu: 100m\n            memory: 128Mi\n"
       "        terminationMessagePath: /dev/termination-log\n        terminationMessagePolicy: File\n"
       "      dnsPolicy: ClusterFirst\n      restartPolicy: Always\n      schedulerName: default-scheduler\n"
       "      terminationGracePeriodSeconds: 30\nstatus:\n  availableReplicas: 3\n  conditions:\n";
  for (const char* type : {"Available", "Progressing"}) {
    d += "  - lastTransitionTime: \"2026-01-01T00:00:00Z\"\n    lastUpdateTime: \"2026-01-01T00:00:00Z\"\n"
         "    message: Deployment has minimum availability.\n    reason: MinimumReplicasAvailable\n"
         "    status: \"True\"\n    type: ";
    d += type;
    d += "\n";
  }
  return d + "  observedGeneration: 3\n  readyReplicas: 3\n  replicas: 3\n  updatedReplicas: 3\n";
}

TEST(FieldPositions, TheTableStaysASmallFractionOfTheFile) {
  // 2,000 dumped Deployments and 500 Nodes: every object records its
  // fields, and the table must leave the model well inside its budget of a
  // quarter of the file (generous: a fifth for the table alone).
  std::string text;
  for (int i = 0; i < 2000; ++i) text += dumped_deployment(i) + "---\n";
  for (int i = 0; i < 500; ++i) {
    text += "apiVersion: v1\nkind: Node\nmetadata:\n  name: node-" + std::to_string(i) +
            "\n  labels:\n    kubernetes.io/hostname: node-" + std::to_string(i) +
            "\n    topology.kubernetes.io/zone: us-west-2a\n    eks.amazonaws.com/compute-type: hybrid\n---\n";
  }
  InputFile f(text, "many.yaml");
  model::Snapshot s = load(f);
  ASSERT_EQ(s.workloads.size(), 2000u);
  EXPECT_GE(s.field_positions.size(), 2000u * 6);
  EXPECT_LT(s.field_positions.bytes(), text.size() / 5);
}

}  // namespace field_positions_test
}  // namespace hybridctl::decode
