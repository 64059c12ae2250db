// Pins the interner: equal parts of decoded objects share one copy, unequal
// ones never do, and sharing changes no value. Also pins content_hash: equal
// values hash equal, and each field it covers changes the hash.
#include "decode/model_interner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "decode/sources.h"
#include "model/content_hash.h"

namespace hybridctl::decode {
namespace model_interner_test {

model::Pod replica(const std::string& name, const std::string& node) {
  model::Pod p;
  p.kind = "Pod";
  p.meta.name = name;
  p.meta.labels = {{"app.kubernetes.io/name", "web"}, {"pod-template-hash", "5d4c"}};
  p.meta.owners = {{"apps/v1", "ReplicaSet", "web-5d4c", "uid-1", true}};
  p.spec.node_name = node;
  p.spec.tolerations = {{"node.kubernetes.io/not-ready", "Exists", "", "NoExecute", 300}};
  p.spec.containers = {{"web", "registry.example.com/web:1.0", {{"http", 8080, "TCP"}}, 100, 0}};
  p.spec.affinity.edit().node_affinity.emplace().required = {
      true, {{{{"eks.amazonaws.com/compute-type", "NotIn", {"hybrid"}}}, {}}}};
  return p;
}

// Loads `list` as a .json file, as `audit FILE.json` reads it.
void load_list(const std::string& list, model::Snapshot& s) {
  char path[] = "/tmp/hybridctl-interner-XXXXXX.json";
  int fd = ::mkstemps(path, 5);
  ASSERT_GE(fd, 0);
  ::close(fd);
  std::ofstream(path) << list;
  Diagnostics d;
  load_file(path, s, d);
  std::remove(path);
  ASSERT_FALSE(d.has_errors()) << d.items().at(0).format();
}

TEST(ModelInterner, ReplicasOfOneTemplateShareTheirParts) {
  model::Snapshot s;
  s.pods.push_back(replica("web-1", "node-a"));
  ModelInterner interner;
  interner.intern_new(s);
  s.pods.push_back(replica("web-2", "node-b"));
  interner.intern_new(s);
  const model::Pod &a = s.pods[0], &b = s.pods[1];
  EXPECT_EQ(a.meta.labels.storage_id(), b.meta.labels.storage_id());
  EXPECT_TRUE(a.meta.owners.shares_storage_with(b.meta.owners));
  EXPECT_TRUE(a.spec.tolerations.shares_storage_with(b.spec.tolerations));
  EXPECT_TRUE(a.spec.containers.shares_storage_with(b.spec.containers));
  EXPECT_EQ(a.spec.affinity.storage_id(), b.spec.affinity.storage_id());
  // What is each pod's own stays its own.
  EXPECT_EQ(a.spec.node_name, "node-a");
  EXPECT_EQ(b.spec.node_name, "node-b");
  EXPECT_EQ(b.meta.name, "web-2");
}

TEST(ModelInterner, UnequalPartsStayApartAndValuesUnchanged) {
  model::Snapshot s;
  s.pods.push_back(replica("web-1", "node-a"));
  model::Pod other = replica("api-1", "node-a");
  other.meta.labels.set("app.kubernetes.io/name", "api");
  other.spec.tolerations.edit()[0].toleration_seconds = 30;
  other.spec.containers.edit()[0].cpu_request_milli = 200;
  s.pods.push_back(other);
  model::Pod expected = s.pods[1];
  ModelInterner interner;
  interner.intern_new(s);
  const model::Pod &a = s.pods[0], &b = s.pods[1];
  EXPECT_NE(a.meta.labels.storage_id(), b.meta.labels.storage_id());
  EXPECT_FALSE(a.spec.tolerations.shares_storage_with(b.spec.tolerations));
  EXPECT_FALSE(a.spec.containers.shares_storage_with(b.spec.containers));
  EXPECT_TRUE(a.meta.owners.shares_storage_with(b.meta.owners));  // the same owner
  EXPECT_EQ(b.meta.labels, expected.meta.labels);
  EXPECT_EQ(b.spec.tolerations, expected.spec.tolerations);
  EXPECT_EQ(b.spec.containers, expected.spec.containers);
}

TEST(ModelInterner, ChangingASharedPartCopiesIt) {
  model::Snapshot s;
  s.pods.push_back(replica("web-1", "node-a"));
  s.pods.push_back(replica("web-2", "node-b"));
  ModelInterner interner;
  interner.intern_new(s);
  s.pods[1].meta.labels.set("extra", "1");
  s.pods[1].spec.affinity.edit().node_affinity.reset();
  EXPECT_FALSE(s.pods[0].meta.labels.contains("extra"));
  EXPECT_TRUE(s.pods[0].spec.affinity->node_affinity.has_value());
}

TEST(ModelInterner, WorkloadTemplatesAndPodsShareAcrossKinds) {
  model::Snapshot s;
  model::Workload w;
  w.tmpl.labels = {{"app.kubernetes.io/name", "web"}, {"pod-template-hash", "5d4c"}};
  w.tmpl.spec.tolerations = {{"node.kubernetes.io/not-ready", "Exists", "", "NoExecute", 300}};
  s.workloads.push_back(w);
  s.pods.push_back(replica("web-1", "node-a"));
  ModelInterner interner;
  interner.intern_new(s);
  EXPECT_EQ(s.workloads[0].tmpl.labels.storage_id(), s.pods[0].meta.labels.storage_id());
  EXPECT_TRUE(s.workloads[0].tmpl.spec.tolerations.shares_storage_with(s.pods[0].spec.tolerations));
}

TEST(ModelInterner, TheDecoderInternsTheItemsOfAList) {
  std::string list = R"({"apiVersion": "v1", "items": [)";
  for (int i = 0; i < 3; ++i) {
    if (i) list += ",";
    list += R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-)" + std::to_string(i) +
            R"(", "namespace": "team", "labels": {"app": "web"}},
              "spec": {"nodeName": "node-)" +
            std::to_string(i) + R"(",
                       "tolerations": [{"key": "k", "operator": "Exists"}],
                       "containers": [{"name": "web", "image": "registry.example.com/web:1.0"}]}})";
  }
  // kubectl's tail: a mapped file's items are then all parsed where they lie, in one batch.
  list += "\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n";
  model::Snapshot s;
  load_list(list, s);
  ASSERT_EQ(s.pods.size(), 3u);
  for (const model::Pod& p : s.pods) {
    EXPECT_EQ(p.meta.labels.storage_id(), s.pods[0].meta.labels.storage_id());
    EXPECT_TRUE(p.spec.tolerations.shares_storage_with(s.pods[0].spec.tolerations));
    EXPECT_TRUE(p.spec.containers.shares_storage_with(s.pods[0].spec.containers));
  }
  EXPECT_EQ(s.pods[2].spec.node_name, "node-2");
}

TEST(ModelInterner, SkippedObjectsAreLeftAsTheyAre) {
  model::Snapshot s;
  s.pods.push_back(replica("web-1", "node-a"));
  ModelInterner interner;
  interner.skip_existing(s);
  s.pods.push_back(replica("web-2", "node-b"));
  s.pods.push_back(replica("web-3", "node-c"));
  interner.intern_new(s);
  EXPECT_FALSE(s.pods[0].spec.tolerations.shares_storage_with(s.pods[1].spec.tolerations));
  EXPECT_TRUE(s.pods[1].spec.tolerations.shares_storage_with(s.pods[2].spec.tolerations));
}

TEST(ModelInterner, TheItemsOfARawPodListShareTheirParts) {
  // `kubectl get --raw /api/v1/pods` items carry no kind: they are decoded
  // once the List's kind is known, and interned then.
  std::string list = R"({"apiVersion": "v1", "kind": "PodList", "items": [)";
  for (int i = 0; i < 3; ++i) {
    if (i) list += ",";
    list += R"({"metadata": {"name": "web-)" + std::to_string(i) + R"(", "namespace": "team", "labels": {"app": "web"}},
              "spec": {"nodeName": "n", "tolerations": [{"key": "k", "operator": "Exists"}]}})";
  }
  list += "\n    ],\n    \"metadata\": {\n        \"resourceVersion\": \"12345\"\n    }\n}\n";
  model::Snapshot s;
  load_list(list, s);
  ASSERT_EQ(s.pods.size(), 3u);
  EXPECT_TRUE(s.pods[0].spec.tolerations.shares_storage_with(s.pods[2].spec.tolerations));
  EXPECT_EQ(s.pods[0].meta.labels.storage_id(), s.pods[1].meta.labels.storage_id());
}

TEST(ContentHash, EqualValuesHashEqual) {
  model::Pod a = replica("a", "n1"), b = replica("b", "n2");
  EXPECT_EQ(model::content_hash(a.meta.labels), model::content_hash(b.meta.labels));
  EXPECT_EQ(model::content_hash(a.spec.tolerations), model::content_hash(b.spec.tolerations));
  EXPECT_EQ(model::content_hash(a.spec.containers), model::content_hash(b.spec.containers));
  EXPECT_EQ(model::content_hash(*a.spec.affinity), model::content_hash(*b.spec.affinity));
  EXPECT_EQ(model::content_hash(a.meta.owners), model::content_hash(b.meta.owners));
}

TEST(ContentHash, EachFieldChangesTheHash) {
  model::Toleration t{"k", "Equal", "v", "NoSchedule", std::nullopt};
  size_t base = model::content_hash(t);
  auto differs = [&](auto change) {
    model::Toleration c = t;
    change(c);
    return model::content_hash(c) != base;
  };
  EXPECT_TRUE(differs([](auto& c) { c.key = "k2"; }));
  EXPECT_TRUE(differs([](auto& c) { c.op = "Exists"; }));
  EXPECT_TRUE(differs([](auto& c) { c.value = "w"; }));
  EXPECT_TRUE(differs([](auto& c) { c.effect = "NoExecute"; }));
  EXPECT_TRUE(differs([](auto& c) { c.toleration_seconds = 0; }));

  model::Affinity aff = *replica("a", "n").spec.affinity;
  size_t aff_base = model::content_hash(aff);
  model::Affinity with_anti = aff;
  with_anti.pod_anti_affinity.emplace().required.push_back({{true, {{"app", "web"}}, {}}, {}, {}, "zone", {}, {}});
  EXPECT_NE(model::content_hash(with_anti), aff_base);
  model::Affinity other_value = aff;
  other_value.node_affinity->required.terms[0].match_expressions[0].values = {"cloud"};
  EXPECT_NE(model::content_hash(other_value), aff_base);

  StringMap m = {{"a", "1"}}, swapped = {{"1", "a"}};
  EXPECT_NE(model::content_hash(m), model::content_hash(swapped));
}

}  // namespace model_interner_test
}  // namespace hybridctl::decode
