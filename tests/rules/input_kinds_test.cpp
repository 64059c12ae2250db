// What the rules read (RuleInfo::reads), and the note that says which rules
// were blind to an input the run lacked (issue 17, "say what could not be
// checked").
#include "rules/input_kinds.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "decode/sources.h"
#include "e2e/cli_runner.h"
#include "report/explain_markdown.h"
#include "rules/registry.h"

namespace hybridctl::rules {
namespace input_kinds_test {

model::Snapshot decode_text(const std::string& yaml) {
  std::string path = "/tmp/hybridctl-input-kinds-" + std::to_string(getpid()) + ".yaml";
  std::ofstream(path) << yaml;
  model::Snapshot s;
  Diagnostics d;
  decode::load_sources({path}, s, d);
  std::remove(path.c_str());
  EXPECT_FALSE(d.has_errors());
  s.build_indexes();
  return s;
}

TEST(InputKinds, EveryRuleDeclaresWhatItReads) {
  for (const Rule* r : all_rules()) EXPECT_FALSE(r->info().reads.empty()) << r->info().id;
  // Spot checks against what the rules' checks read.
  auto reads = [](const char* id, Input in) {
    const auto& r = find_rule(id)->info().reads;
    return std::find(r.begin(), r.end(), in) != r.end();
  };
  EXPECT_TRUE(reads("HN010", Input::Ingress));
  EXPECT_TRUE(reads("HN010", Input::TargetGroupBinding));
  EXPECT_TRUE(reads("HN011", Input::ClusterRoleBinding));
  EXPECT_TRUE(reads("HN013", Input::OpenTelemetryCollector));
  EXPECT_TRUE(reads("HN008", Input::ConfigMap));
  EXPECT_TRUE(reads("HN001", Input::APIService));
  EXPECT_TRUE(reads("HN016", Input::CniPodPools));
  EXPECT_TRUE(reads("HN017", Input::DescribeCluster));
  EXPECT_FALSE(reads("HN017", Input::Ingress));
}

// Every kind a rule says it reads is one the decoder models: a declared kind
// that decoded as an unknown object would be a declaration nothing reads.
TEST(InputKinds, EveryKindTheRulesReadIsDecodedAndCountsAsPresent) {
  std::string yaml;
  for (const std::string& kind : kinds_read()) {
    yaml += "---\napiVersion: v1\nkind: " + kind + "\nmetadata:\n  name: x\n  namespace: ns\n";
    if (kind == "Installation") yaml += "spec:\n  calicoNetwork:\n    ipPools:\n    - cidr: 10.85.0.0/16\n";
  }
  model::Snapshot s = decode_text(yaml);
  // The Tigera Installation is also kept whole (the provenance of Calico's components); nothing else is unknown.
  for (const model::UnknownObject& u : s.unknown) EXPECT_EQ(u.kind, "Installation");
  for (const InputInfo& in : input_catalogue()) {
    if (in.input == Input::DescribeCluster) continue;
    EXPECT_TRUE(input_present(s, in.input)) << in.name;
  }
  EXPECT_GE(kinds_read().size(), 25u);
  EXPECT_TRUE(kinds_read().count("OpenTelemetryCollector"));
  EXPECT_TRUE(kinds_read().count("CiliumBGPClusterConfig"));
}

TEST(InputKinds, ADumpWithoutIngressesOrConfigMapsSaysWhichRulesWereBlindToThem) {
  model::Snapshot s = decode_text(R"(apiVersion: v1
kind: Node
metadata:
  name: mi-1
  labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
)");
  std::vector<std::string> ran;
  for (const Rule* r : all_rules()) ran.push_back(r->info().id);
  std::vector<BlindSpot> spots = blind_spots(s, ran);
  auto rules_blind_to = [&](Input in) {
    for (const BlindSpot& b : spots) {
      if (b.input == in) return b.rules;
    }
    return std::vector<std::string>{};
  };
  EXPECT_EQ(rules_blind_to(Input::Ingress), std::vector<std::string>{"HN010"});
  EXPECT_EQ(rules_blind_to(Input::ConfigMap),
            (std::vector<std::string>{"HN001", "HN002", "HN004", "HN006", "HN007", "HN008", "HN009", "HN010", "HN011",
                                      "HN012", "HN013", "HN014", "HN015", "HN016"}));
  EXPECT_TRUE(rules_blind_to(Input::Node).empty()) << "Nodes are in the input";
  EXPECT_TRUE(rules_blind_to(Input::Service).empty()) << "a Service is in the input";
  std::string note = blind_spots_note(spots);
  EXPECT_NE(note.find("; Ingress (HN010); "), std::string::npos) << note;
  EXPECT_TRUE(note.starts_with("Not in the input, so not checked: Pod (")) << note;

  // Only the rules that ran are named; --pod-network makes routability evidence moot.
  s.facts.pod_network = model::PodNetwork::Unroutable;
  spots = blind_spots(s, {"HN010"});
  for (const BlindSpot& b : spots) {
    EXPECT_EQ(b.rules, std::vector<std::string>{"HN010"});
    EXPECT_NE(b.input, Input::CniPodPools);
  }
}

TEST(InputKinds, TheAuditNotesTheBlindRulesOnceInTextAndJson) {
  std::string dir = testing::source_dir() + "/examples/dns-one-sided";
  testing::CliResult json = testing::run_cli({"audit", dir, "-o", "json", "--fail-on", "never"});
  EXPECT_NE(json.out.find("Ingress (HN010)"), std::string::npos) << json.out;
  testing::CliResult text = testing::run_cli({"audit", dir, "--fail-on", "never"});
  size_t at = text.out.find("note: Not in the input, so not checked: ");
  ASSERT_NE(at, std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("note: Not in the input", at + 1), std::string::npos) << "said once";
}

// The README's dump command is generated from the rules' declared inputs:
// run against a cluster, it leaves no rule blind.
TEST(InputKinds, ReadmeDumpCommandReadsEveryKindTheRulesRead) {
  std::string readme = testing::read_text(testing::source_dir() + "/README.md");
  std::string command = report::dump_command();
  EXPECT_NE(readme.find(command), std::string::npos) << "README.md must show:\n" << command;
  for (const InputInfo& in : input_catalogue()) {
    EXPECT_EQ(in.kinds.size(), in.resources.size()) << in.name << ": one resource per kind";
    for (std::string_view r : in.resources) {
      EXPECT_NE(command.find(" " + std::string(r)), std::string::npos) << r;
    }
  }
  EXPECT_NE(command.find("aws eks describe-cluster"), std::string::npos);
}

TEST(InputKinds, DocsInputsMdMatchesTheDeclarations) {
  std::string committed = testing::read_text(testing::source_dir() + "/docs/inputs.md");
  EXPECT_EQ(committed, report::inputs_catalogue_markdown()) << "docs/inputs.md is stale: run scripts/gen-docs";
}

}  // namespace input_kinds_test
}  // namespace hybridctl::rules
