// Pins the multi-threaded readers: a JSON List decoded in batches on worker
// threads (decode/item_batches) and a YAML stream cut at column-0 `---` and
// parsed in parts (decode/yaml_stream_split) give exactly the sequential
// result: the same objects in the same order, the same positions, the same
// diagnostics, and the first error in file order.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "decode/sources.h"
#include "decode/yaml_reader.h"
#include "decode/yaml_stream_split.h"
#include "temp_file.h"

namespace hybridctl::decode {
namespace parallel_decode_test {

using hybridctl::testing::TempFile;

// Sets HYBRIDCTL_THREADS for the scope of one load.
class ThreadCount {
 public:
  explicit ThreadCount(int n) { ::setenv("HYBRIDCTL_THREADS", std::to_string(n).c_str(), 1); }
  ~ThreadCount() { ::unsetenv("HYBRIDCTL_THREADS"); }
};

// A pod printed as kubectl prints List items (8-space indentation, one
// member per line); every 997th has a wrong type that the decoder reports.
std::string pod_json(int i) {
  std::string n = std::to_string(i);
  std::string containers = i % 997 == 0 ? "5" : R"([
                    {
                        "name": "c",
                        "image": "registry.example.com/app:1.2.3",
                        "env": [{"name": "E", "value": "v"}]
                    }
                ])";
  return R"(        {
            "apiVersion": "v1",
            "kind": ")" +
         std::string(i % 50 == 0 ? "Service" : "Pod") + R"(",
            "metadata": {
                "name": "pod-)" +
         n + R"(",
                "namespace": "ns-)" +
         std::to_string(i % 7) + R"(",
                "labels": {"app": "a)" +
         std::to_string(i % 13) + R"(", "escaped": "q\"uote\\"},
                "managedFields": [{"manager": "kubelet", "fieldsV1": {"f:status": {".": {}}}}]
            },
            "spec": {
                "nodeName": "node-)" +
         std::to_string(i % 11) + R"(",
                "containers": )" +
         containers + R"(
            },
            "status": {"podIP": "10.0.)" +
         std::to_string(i % 250) + "." + std::to_string(i % 200) + R"("}
        })";
}

std::string pod_list_json(int n, int broken_at = -1) {
  std::string out = "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n";
  for (int i = 0; i < n; ++i) {
    if (i) out += ",\n";
    std::string pod = pod_json(i);
    if (i == broken_at) pod.replace(pod.find("\"podIP\": "), 9, "\"podIP\" ");
    out += pod;
  }
  out += "\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n";
  return out;
}

std::string pod_stream_yaml(int n, int broken_at = -1) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::string num = std::to_string(i);
    out += "---\napiVersion: v1\nkind: " + std::string(i % 50 == 0 ? "Service" : "Pod") + "\nmetadata:\n  name: pod-" +
           num + "\n  namespace: ns-" + std::to_string(i % 7) + "\n  managedFields:\n  - manager: kubelet\n" +
           "  labels:\n    app: a" + std::to_string(i % 13) + "\nspec:\n  nodeName: node-" + num + "\n  containers: " +
           (i % 997 == 0 ? std::string("5") : std::string("\n  - name: c\n    image: i\n    env: [{name: E}]")) +
           "\nstatus:\n  podIP: 10.0.0." + std::to_string(i % 250) + (i == broken_at ? "\n  bad: [unclosed" : "") +
           "\n";
  }
  return out;
}

struct Loaded {
  std::vector<std::string> objects;  // kind/ns/name@line:col in snapshot order
  std::vector<std::string> diagnostics;
};

// 1-based line of `offset` in `text`.
uint32_t line_of(const std::string& text, size_t offset) {
  return static_cast<uint32_t>(1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

// Items that the decoder rejects: a Pod whose containers are not a list.
size_t rejected(int n) {
  size_t r = 0;
  for (int i = 0; i < n; ++i) r += i % 997 == 0 && i % 50 != 0;
  return r;
}

Loaded load(const std::string& path, int threads) {
  ThreadCount t(threads);
  model::Snapshot snapshot;
  Diagnostics diagnostics;
  load_file(path, snapshot, diagnostics);
  Loaded out;
  auto add = [&](const model::ObjectBase& o) {
    out.objects.push_back(o.kind + "/" + o.meta.ns + "/" + o.meta.name + "@" + std::to_string(o.origin.line) + ":" +
                          std::to_string(o.origin.column) + " labels=" + std::to_string(o.meta.labels.size()));
  };
  for (const auto& p : snapshot.pods) add(p);
  for (const auto& s : snapshot.services) add(s);
  for (const auto& d : diagnostics.items()) out.diagnostics.push_back(d.format());
  return out;
}

TEST(ParallelDecode, JsonListInBatchesEqualsSequential) {
  std::string text = pod_list_json(6000);  // ~6 MB: several batches
  TempFile file(text, ".json");
  Loaded one = load(file.path(), 1);
  Loaded many = load(file.path(), 3);
  ASSERT_EQ(one.objects.size(), 6000u - rejected(6000));
  EXPECT_EQ(one.objects, many.objects);
  EXPECT_EQ(one.diagnostics, many.diagnostics);
  EXPECT_EQ(one.diagnostics.size(), rejected(6000));
  // A pod deep in the file (another batch) is placed at its `{`, column 9.
  size_t at = text.find("\"pod-5555\"");
  size_t item = text.rfind("\n        {\n", at) + 1;
  std::string expected =
      "Pod/ns-" + std::to_string(5555 % 7) + "/pod-5555@" + std::to_string(line_of(text, item)) + ":9";
  bool found = false;
  for (const std::string& o : many.objects) found = found || o.starts_with(expected + " ");
  EXPECT_TRUE(found) << expected;
}

TEST(ParallelDecode, JsonFirstSyntaxErrorWinsWhateverTheThreads) {
  std::string text = pod_list_json(6000, /*broken_at=*/4321);
  TempFile file(text, ".json");
  Loaded one = load(file.path(), 1);
  Loaded many = load(file.path(), 3);
  ASSERT_EQ(one.objects.size(), 0u);  // all-or-nothing
  ASSERT_EQ(one.diagnostics.size(), 1u);
  EXPECT_EQ(one.diagnostics, many.diagnostics);
  // Reported on the line of the missing colon.
  std::string expected_line = ":" + std::to_string(line_of(text, text.find("\"podIP\" "))) + ":";
  EXPECT_NE(one.diagnostics[0].find(expected_line), std::string::npos) << one.diagnostics[0];
}

// The same List through a FIFO: read in chunks and copied into batches, not
// mapped and parsed where it lies. Objects, positions and errors match.
Loaded load_through_fifo(const std::string& text, int threads) {
  std::string dir = "/tmp/hybridctl-fifo-XXXXXX";
  EXPECT_NE(::mkdtemp(dir.data()), nullptr);
  std::string fifo = dir + "/list.json";
  EXPECT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
  Loaded out = load(fifo, threads);
  writer.join();
  std::remove(fifo.c_str());
  ::rmdir(dir.c_str());
  return out;
}

TEST(ParallelDecode, JsonListReadFromAPipeEqualsTheMappedFile) {
  for (int broken_at : {-1, 4321}) {
    std::string text = pod_list_json(6000, broken_at);
    TempFile file(text, ".json");
    Loaded mapped = load(file.path(), 2);
    Loaded piped = load_through_fifo(text, 2);
    EXPECT_EQ(mapped.objects, piped.objects);
    ASSERT_EQ(mapped.diagnostics.size(), piped.diagnostics.size());
    for (size_t i = 0; i < mapped.diagnostics.size(); ++i) {
      // The same message at the same line:column; only the file's name differs.
      auto position = [](const std::string& d) { return d.substr(d.find(".json:")); };
      EXPECT_EQ(position(mapped.diagnostics[i]), position(piped.diagnostics[i]));
    }
  }
}

TEST(ParallelDecode, YamlStreamInPartsEqualsSequential) {
  std::string text = pod_stream_yaml(12000);  // > 1 MB: parsed in parts
  ASSERT_GT(text.size(), 1u << 20);
  TempFile file(text, ".yaml");
  Loaded one = load(file.path(), 1);
  Loaded many = load(file.path(), 2);
  ASSERT_EQ(one.objects.size(), 12000u - rejected(12000));
  EXPECT_EQ(one.objects, many.objects);
  EXPECT_EQ(one.diagnostics, many.diagnostics);
}

TEST(ParallelDecode, YamlErrorInALaterPartHasItsFileLine) {
  std::string text = pod_stream_yaml(12000, /*broken_at=*/11000);
  TempFile file(text, ".yaml");
  Loaded one = load(file.path(), 1);
  Loaded many = load(file.path(), 2);
  ASSERT_EQ(one.diagnostics.size(), 1u);
  EXPECT_EQ(one.diagnostics, many.diagnostics);
  EXPECT_EQ(one.objects.size(), 0u);
  // libfyaml reports the unclosed sequence where it notices it: on its line
  // or at the next document marker, counted from the start of the file.
  const std::string& d = one.diagnostics[0];
  size_t colon = d.find(".yaml:") + 6;
  uint32_t reported = static_cast<uint32_t>(std::stoul(d.substr(colon)));
  uint32_t unclosed = line_of(text, text.find("[unclosed"));
  EXPECT_GE(reported, unclosed) << d;
  EXPECT_LE(reported, unclosed + 2) << d;
}

TEST(YamlStreamSplit, CutsOnlyAtColumnZeroDocumentMarkers) {
  std::string text = "a: 1\n---\nb: |\n  ---\n  x\n---\nc: 2\n----\nd: 3\n--- # comment\ne: 4\n";
  std::vector<size_t> starts = yaml_part_starts(text, 8);
  ASSERT_GE(starts.size(), 2u);
  EXPECT_EQ(starts[0], 0u);
  for (size_t i = 1; i < starts.size(); ++i) {
    EXPECT_EQ(text.compare(starts[i], 3, "---"), 0);
    EXPECT_EQ(text[starts[i] - 1], '\n');
    EXPECT_NE(text[starts[i] + 3], '-');  // `----` is content, not a marker
  }
  EXPECT_EQ(yaml_part_starts(text, 1), std::vector<size_t>{0});
}

TEST(YamlStreamSplit, NeverCutsAStreamWithDirectives) {
  EXPECT_EQ(yaml_part_starts("%YAML 1.2\n---\na: 1\n---\nb: 2\n", 2), std::vector<size_t>{0});
  EXPECT_EQ(yaml_part_starts("a: 1\n...\n%TAG ! tag:x,2024:\n---\nb: 2\n", 2), std::vector<size_t>{0});
}

TEST(YamlStreamSplit, PartsParseToTheSameDocuments) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "---\nname: d" + std::to_string(i) + "\nlist:\n- " + std::to_string(i) + "\n";
  static const std::string path = "s.yaml";
  auto collect = [&](unsigned parts) {
    std::vector<std::string> docs;
    std::vector<std::vector<std::string>> per_part;
    auto sinks = [&per_part]() -> DocumentSink {
      per_part.emplace_back();
      std::vector<std::string>* out = &per_part.back();
      return [out](Value&& v, const DocumentContext& ctx) {
        LineCol lc = ctx.lines->locate(v.offset());
        out->push_back(v.get("name")->text() + "@" + std::to_string(lc.line));
      };
    };
    per_part.reserve(parts);
    YamlReadResult r = read_yaml_parallel(text, 0, path, sinks, parts);
    EXPECT_TRUE(r.ok) << r.error;
    for (auto& p : per_part) docs.insert(docs.end(), p.begin(), p.end());
    return docs;
  };
  std::vector<std::string> one = collect(1);
  ASSERT_EQ(one.size(), 40u);
  EXPECT_EQ(one[1], "d1@6");
  EXPECT_EQ(collect(3), one);
}

}  // namespace parallel_decode_test
}  // namespace hybridctl::decode

namespace hybridctl::decode {
namespace parallel_decode_test {

// An item of a top-level JSON array has no List to name its kind: it was
// dropped without a word. It is now reported where it stands, as a document
// without `kind` is anywhere else.
TEST(ParallelDecode, KindlessItemOfATopLevelArrayIsReportedNotDropped) {
  TempFile file(
      "[{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"s\"}},\n"
      " {\"metadata\": {\"name\": \"nokind\"}}]\n",
      ".json");
  for (int threads : {1, 3}) {
    Loaded l = load(file.path(), threads);
    ASSERT_EQ(l.objects.size(), 1u) << threads;
    ASSERT_EQ(l.diagnostics.size(), 1u) << threads;
    EXPECT_NE(l.diagnostics[0].find(":2:2: note: a document without `kind` was ignored"), std::string::npos)
        << l.diagnostics[0];
  }
}

}  // namespace parallel_decode_test
}  // namespace hybridctl::decode
