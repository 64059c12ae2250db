// Runs the scheduling conformance cases of tests/conformance/scheduling/*.yaml:
// each YAML document re-expresses one case of an upstream scheduler plugin
// unit test (named in its `upstream` field) as nodes, bound pods and an
// incoming pod, and states which nodes the plugin's filter admits
// (`wantFeasible`) and/or the plugin's normalised scores (`wantScores`, or
// `wantScoreError`). Nodes and pods are ordinary manifests; their `kind` may
// be left out.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/placement/plugin_probe.h"
#include "core/line_counter.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"
#include "test_paths.h"

namespace hybridctl::analysis::placement {
namespace scheduling_conformance_test {

struct Case {
  std::string file;
  std::string name;
  std::string text;  // the whole file, for line numbers
  std::string upstream;
  std::string plugin;
  Value doc;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  std::filesystem::path dir = std::filesystem::path(HYBRIDCTL_SOURCE_DIR) / "tests/conformance/scheduling";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& path : files) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = path.filename().string();
    auto result = decode::read_yaml(text.str(), 0, name, [&](Value&& v, const decode::DocumentContext&) {
      Case c;
      c.file = name;
      c.text = text.str();
      if (const Value* x = v.get("case")) c.name = x->text();
      if (const Value* x = v.get("upstream")) c.upstream = x->text();
      if (const Value* x = v.get("plugin")) c.plugin = x->text();
      c.doc = std::move(v);
      cases.push_back(std::move(c));
    });
    if (!result.ok) ADD_FAILURE() << name << ": " << result.error;
  }
  return cases;
}

const std::vector<Case>& all_cases() {
  static const std::vector<Case> cases = load_cases();
  return cases;
}

std::vector<std::string> names_in(const Value* list) {
  std::vector<std::string> out;
  if (list) {
    for (const Value& v : list->items()) out.push_back(v.text());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A case by its index in all_cases(); printed (in CTest's list) as its file and name.
struct CaseIndex {
  size_t index;
};

void PrintTo(const CaseIndex& c, std::ostream* os) {
  const Case& found = all_cases()[c.index];
  *os << found.file << ": " << found.name;
}

class SchedulingConformance : public ::testing::TestWithParam<CaseIndex> {};

TEST_P(SchedulingConformance, MatchesUpstream) {
  const Case& c = all_cases()[GetParam().index];
  SCOPED_TRACE(c.file + ": " + c.name + " [" + c.upstream + "]");
  ASSERT_FALSE(c.upstream.empty()) << "every case names its upstream test";
  model::Snapshot snapshot, incoming_holder;
  Diagnostics diagnostics;
  snapshot.files.push_back(c.file);
  decode::ObjectDecoder decoder(snapshot, diagnostics);
  decode::DocumentContext ctx;
  ctx.path = &c.file;
  LineCounter lines;
  lines.reset(c.text, 0, LineCol{1, 1});
  ctx.lines = &lines;
  for (auto [field, kind] :
       {std::pair{"nodes", "Node"}, {"pods", "Pod"}, {"namespaces", "Namespace"}, {"services", "Service"}}) {
    if (const Value* list = c.doc.get(field)) {
      for (const Value& item : list->items()) decoder.decode_item(item, ctx, kind);
    }
  }
  decode::ObjectDecoder pod_decoder(incoming_holder, diagnostics);
  const Value* pod = c.doc.get("pod");
  ASSERT_NE(pod, nullptr);
  pod_decoder.decode_item(*pod, ctx, "Pod");
  ASSERT_FALSE(diagnostics.has_errors()) << diagnostics.items().front().format();
  ASSERT_EQ(incoming_holder.pods.size(), 1u);
  snapshot.build_indexes();

  PluginProbe probe = probe_plugin(snapshot, incoming_holder.pods[0], c.plugin);
  ASSERT_TRUE(probe.known_plugin) << c.plugin;
  bool checked = false;
  if (const Value* want = c.doc.get("wantFeasible")) {
    std::vector<std::string> got = probe.feasible;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, names_in(want));
    checked = true;
  }
  if (const Value* want = c.doc.get("wantScores")) {
    std::map<std::string, int64_t> expected;
    for (const auto& [node, score] : want->members()) expected[node] = std::stoll(score.text());
    EXPECT_EQ(probe.scores, expected);
    checked = true;
  }
  if (const Value* want = c.doc.get("wantScoreError")) {
    EXPECT_EQ(probe.score_error, want->text() == "true");
    checked = true;
  }
  EXPECT_TRUE(checked) << "a case must expect something";
}

std::string case_name(const ::testing::TestParamInfo<CaseIndex>& info) {
  const Case& c = all_cases()[info.param.index];
  std::string out = c.file.substr(0, c.file.find('.')) + "_" + std::to_string(info.param.index);
  for (char& ch : out) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return out;
}

std::vector<CaseIndex> case_indexes() {
  std::vector<CaseIndex> out(all_cases().size());
  for (size_t i = 0; i < out.size(); ++i) out[i].index = i;
  return out;
}

INSTANTIATE_TEST_SUITE_P(Upstream, SchedulingConformance, ::testing::ValuesIn(case_indexes()), case_name);

// The issue asks for at least 60 re-expressed upstream cases.
TEST(SchedulingConformanceSuite, HasAtLeastSixtyCases) { EXPECT_GE(all_cases().size(), 60u); }

}  // namespace scheduling_conformance_test
}  // namespace hybridctl::analysis::placement
