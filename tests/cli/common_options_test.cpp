// The parsers behind the common flags: --kubernetes-version, --assume-nodes,
// --baseline.
#include "cli/common_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "decode/assumed_nodes.h"
#include "report/baseline.h"

namespace hybridctl::cli {
namespace common_options_test {

TEST(KubernetesVersionFlag, TheFormsUsersCopyAreReadAsMajorMinor) {
  EXPECT_EQ(normalise_kubernetes_version("1.31"), "1.31");
  EXPECT_EQ(normalise_kubernetes_version("v1.31"), "1.31");
  EXPECT_EQ(normalise_kubernetes_version("1.31.4"), "1.31");
  EXPECT_EQ(normalise_kubernetes_version("v1.31.4-eks-a737599"), "1.31");  // kubectl version's server line
  EXPECT_EQ(normalise_kubernetes_version("v1.29.10+k3s1"), "1.29");
  for (const char* bad :
       {"", "1", "v", "1.", ".31", "1.31.", "1.31-eks", "1.31.4.1", "1.31.4-", "one.31", "1.31 ", "1.031", "V1.31"}) {
    EXPECT_EQ(normalise_kubernetes_version(bad), std::nullopt) << bad;
  }
}

TEST(AssumeNodesGrammar, ExistingSpecsKeepTheirNodesAndNames) {
  std::vector<model::Node> nodes;
  ASSERT_EQ(decode::add_assumed_nodes("cloud:us-west-2a=2,hybrid:onprem=1", nodes), "");
  ASSERT_EQ(nodes.size(), 3u);
  EXPECT_EQ(nodes[0].meta.name, "assumed-cloud-us-west-2a-1");
  EXPECT_EQ(nodes[0].meta.labels.get("topology.kubernetes.io/region"), "us-west-2");
  EXPECT_EQ(nodes[2].meta.name, "assumed-hybrid-onprem-3");
  EXPECT_TRUE(nodes[2].is_hybrid());
  EXPECT_EQ(nodes[2].zone(), "onprem");
  EXPECT_TRUE(nodes[2].taints.empty());
}

TEST(AssumeNodesGrammar, EmptyZoneMeansNoZoneLabel) {
  std::vector<model::Node> nodes;
  ASSERT_EQ(decode::add_assumed_nodes("hybrid:=2", nodes), "");
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].meta.name, "assumed-hybrid-1");
  EXPECT_FALSE(nodes[0].meta.labels.contains("topology.kubernetes.io/zone"));
}

TEST(AssumeNodesGrammar, TaintsAndLabelsFollowTheCount) {
  std::vector<model::Node> nodes;
  ASSERT_EQ(decode::add_assumed_nodes(
                "hybrid:onprem=1:taint=site=onprem:NoSchedule:taint=dedicated:NoExecute:label=rack=r1", nodes),
            "");
  ASSERT_EQ(nodes.size(), 1u);
  ASSERT_EQ(nodes[0].taints.size(), 2u);
  EXPECT_EQ(nodes[0].taints[0], (model::Taint{"site", "onprem", "NoSchedule"}));
  EXPECT_EQ(nodes[0].taints[1], (model::Taint{"dedicated", "", "NoExecute"}));
  EXPECT_EQ(nodes[0].meta.labels.get("rack"), "r1");
  EXPECT_EQ(decode::add_assumed_nodes("hybrid:onprem=1:taint=site=onprem", nodes),
            "--assume-nodes: expected taint=KEY[=VALUE]:EFFECT in \"hybrid:onprem=1:taint=site=onprem\"");
  EXPECT_EQ(decode::add_assumed_nodes("hybrid:onprem=1:colour=blue", nodes),
            "--assume-nodes: unknown option \"colour=blue\" in \"hybrid:onprem=1:colour=blue\" (expected "
            "taint=KEY[=VALUE]:EFFECT or label=KEY=VALUE)");
}

TEST(AssumeNodesGrammar, RepeatedFlagsShareOneBoundAndSpacesAreIgnored) {
  std::vector<model::Node> nodes;
  ASSERT_EQ(decode::add_assumed_nodes(std::vector<std::string>{" cloud : us-west-2a = 1 , ", "hybrid:onprem=1"}, nodes),
            "");
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[1].meta.name, "assumed-hybrid-onprem-2");
  EXPECT_EQ(decode::add_assumed_nodes(std::vector<std::string>{"cloud:a=60000", "cloud:b=40001"}, nodes),
            "--assume-nodes: more than 100000 nodes in total");
}

TEST(BaselineFile, MatchesByRuleAndObjectInAnyCaseNeverByMessage) {
  std::string error;
  auto b = report::parse_baseline(R"({"findings": [
      {"rule": "hn006", "severity": "error", "message": "old words",
       "object": {"apiVersion": "v1", "kind": "Node", "name": "mi-1"}}]})",
                                  error);
  ASSERT_TRUE(b) << error;
  rules::Finding same;
  same.rule = "HN006";
  same.object = {"v1", "Node", "", "mi-1"};
  same.message = "new words";
  rules::Finding other = same;
  other.object.name = "mi-2";
  std::vector<rules::Finding> findings{same, other};
  EXPECT_EQ(report::drop_baselined(findings, *b), 1u);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].object.name, "mi-2");
  EXPECT_FALSE(report::parse_baseline(R"({"services": []})", error));
  EXPECT_EQ(error, "no \"findings\" array; expected the output of -o json");
}

TEST(BaselineFile, IsWrittenAtomically) {
  std::string path = "/tmp/hybridctl-baseline-atomic-" + std::to_string(getpid()) + ".json";
  std::string error;
  ASSERT_TRUE(report::write_file_atomically(path, "{\"findings\": []}\n", error)) << error;
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "{\"findings\": []}\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp-" + std::to_string(getpid())));
  EXPECT_FALSE(report::write_file_atomically("/nonexistent-dir/b.json", "{}", error));
  EXPECT_NE(error.find("/nonexistent-dir/b.json: cannot write: "), std::string::npos) << error;
  std::remove(path.c_str());
}

}  // namespace common_options_test
}  // namespace hybridctl::cli
