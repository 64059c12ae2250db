// The same object from two inputs (a dump plus nodes.yaml, a cluster profile
// repeating the dump's nodes) is one object: no doubled node counts,
// capacity or findings; a copy that differs is noted with both positions.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "decode/sources.h"
#include "rules/engine.h"

namespace hybridctl::decode {
namespace duplicate_objects_test {

class TempFiles {
 public:
  std::string add(const std::string& text) {
    std::string path =
        "/tmp/hybridctl-dup-" + std::to_string(::getpid()) + "-" + std::to_string(paths_.size()) + ".yaml";
    std::ofstream(path) << text;
    paths_.push_back(path);
    return path;
  }
  const std::vector<std::string>& paths() const { return paths_; }
  ~TempFiles() {
    for (const auto& p : paths_) std::remove(p.c_str());
  }

 private:
  std::vector<std::string> paths_;
};

std::string hybrid_node(const std::string& cpu) {
  return R"(apiVersion: v1
kind: Node
metadata:
  name: mi-0a1b2c3d4e5f60001
  labels: {eks.amazonaws.com/compute-type: hybrid}
status:
  allocatable: {cpu: ")" +
         cpu + R"(", memory: 8Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
)";
}

const char* kCloudNode = R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels: {topology.kubernetes.io/zone: us-west-2a}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
)";

std::vector<const Diagnostic*> notes_about(const Diagnostics& d, const std::string& what) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& x : d.items()) {
    if (x.message.find(what) != std::string::npos) out.push_back(&x);
  }
  return out;
}

TEST(DuplicateObjects, IdenticalCopiesFromTwoInputsMergeSilently) {
  TempFiles files;
  files.add(std::string(kCloudNode) + "---\n" + hybrid_node("4"));
  files.add(hybrid_node("4"));  // nodes.yaml repeating the dump's node
  model::Snapshot s;
  Diagnostics d;
  load_sources(files.paths(), s, d);
  EXPECT_EQ(s.nodes.size(), 2u);
  EXPECT_TRUE(notes_about(d, "mi-0a1b2c3d4e5f60001").empty());
}

TEST(DuplicateObjects, DifferingCopiesKeepTheLaterOneWithANoteNamingBothPositions) {
  TempFiles files;
  std::string dump = files.add(std::string(kCloudNode) + "---\n" + hybrid_node("4"));
  std::string profile = files.add(hybrid_node("16"));
  model::Snapshot s;
  Diagnostics d;
  load_sources(files.paths(), s, d);
  ASSERT_EQ(s.nodes.size(), 2u);
  const model::Node* n = nullptr;
  for (const auto& node : s.nodes) {
    if (node.meta.name == "mi-0a1b2c3d4e5f60001") n = &node;
  }
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->allocatable_cpu_milli, 16000) << "the later copy is the one used";
  auto notes = notes_about(d, "mi-0a1b2c3d4e5f60001");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->level, Diagnostic::Level::Note);
  EXPECT_EQ(notes[0]->where.file, profile);
  EXPECT_NE(notes[0]->message.find(dump + ":9:1"), std::string::npos) << notes[0]->message;
}

// Three inputs with the node, another node between: each copy supersedes
// the one before it, the notes come in input order, and the last copy is
// the one kept, whatever order the objects are matched in.
TEST(DuplicateObjects, EachLaterCopySupersedesThePreviousOneAndTheNotesFollowTheInput) {
  TempFiles files;
  std::string first = files.add(hybrid_node("4"));
  std::string second = files.add(hybrid_node("8") + "---\n" + kCloudNode);
  std::string third = files.add(hybrid_node("16"));
  model::Snapshot s;
  Diagnostics d;
  load_sources(files.paths(), s, d);
  ASSERT_EQ(s.nodes.size(), 2u);
  EXPECT_EQ(s.nodes[0].meta.name, "ip-10-0-1-10.us-west-2.compute.internal") << "kept in input order";
  EXPECT_EQ(s.nodes[1].allocatable_cpu_milli, 16000);
  auto notes = notes_about(d, "mi-0a1b2c3d4e5f60001");
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0]->where.file, second);
  EXPECT_NE(notes[0]->message.find(first + ":1:1"), std::string::npos) << notes[0]->message;
  EXPECT_EQ(notes[1]->where.file, third);
  EXPECT_NE(notes[1]->message.find(second + ":1:1"), std::string::npos) << notes[1]->message;
}

std::string collector(const std::string& keep_regex) {
  return R"(apiVersion: opentelemetry.io/v1alpha1
kind: OpenTelemetryCollector
metadata: {name: adot, namespace: obs}
spec:
  config: |
    receivers:
      prometheus:
        config:
          scrape_configs:
          - kubernetes_sd_configs: [{role: pod}]
            relabel_configs: [{action: keep, regex: )" +
         keep_regex + R"(}]
    service: {pipelines: {metrics: {receivers: [prometheus]}}}
)";
}

TEST(DuplicateObjects, CollectorCopiesWithDifferentScrapeConfigsAreNoted) {
  TempFiles files;
  files.add(collector("hybrid"));
  files.add(collector("hybrid"));
  files.add(collector("ec2"));
  model::Snapshot s;
  Diagnostics d;
  load_sources(files.paths(), s, d);
  ASSERT_EQ(s.otel_collectors.size(), 1u);
  EXPECT_EQ(notes_about(d, "obs/adot").size(), 1u) << "the identical second copy merges silently, the third differs";
}

TEST(DuplicateObjects, FindingsOfARepeatedObjectDoNotDouble) {
  TempFiles files;
  files.add(std::string(kCloudNode) + "---\n" + hybrid_node("4"));
  files.add(hybrid_node("4"));
  model::Snapshot s;
  Diagnostics d;
  load_sources(files.paths(), s, d);
  s.build_indexes();
  analysis::Analyses analyses(s);
  rules::RuleSelection only_hn006;
  only_hn006.only = {"HN006"};
  auto result = rules::run_rules(s, analyses, only_hn006);
  size_t hn006 = 0;
  for (const auto& f : result.findings) hn006 += f.rule == "HN006";
  EXPECT_EQ(hn006, 1u) << "the unzoned hybrid node is reported once";
}

TEST(DuplicateObjects, SameNameInAnotherNamespaceOrKindIsAnotherObject) {
  TempFiles files;
  files.add(R"(apiVersion: v1
kind: Service
metadata: {name: web, namespace: a}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: b}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web, namespace: a}
)");
  model::Snapshot s;
  Diagnostics d;
  load_sources(files.paths(), s, d);
  EXPECT_EQ(s.services.size(), 2u);
  EXPECT_EQ(s.config_maps.size(), 1u);
}

}  // namespace duplicate_objects_test
}  // namespace hybridctl::decode
