// `hybridctl simulate` as a user runs it: the CLI.md JSON shape, what-ifs,
// seeds and runs, the audit of the result, and usage errors.
#include <gtest/gtest.h>

#include <fstream>

#include "e2e/cli_runner.h"
#include "placement/placement_test_support.h"

namespace hybridctl::testing {
namespace {

std::string write_coredns() {
  std::string path = "/tmp/hybridctl-simulate-coredns-" + std::to_string(getpid()) + ".yaml";
  std::ofstream(path) << kCoreDnsDeployment;
  return path;
}

simdjson::dom::element coredns_entry(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element doc = parser.parse(json);
  for (simdjson::dom::element w : doc["workloads"].get_array()) {
    if (std::string_view(w["name"].get_string().value()) == "coredns") return w;
  }
  ADD_FAILURE() << "no coredns in " << json;
  return doc;
}

TEST(SimulateCli, JsonShapeOfCliMd) {
  std::string file = write_coredns();
  CliResult r = run_cli({"simulate", file, "--assume-nodes",
                         "cloud:us-west-2a=1,cloud:us-west-2b=1,cloud:us-west-2c=1,hybrid:onprem=1", "-o", "json",
                         "--runs", "200", "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element w = coredns_entry(parser, r.out);
  EXPECT_EQ(std::string_view(w["kind"].get_string().value()), "Deployment");
  EXPECT_EQ(std::string_view(w["namespace"].get_string().value()), "kube-system");
  EXPECT_EQ(w["replicas"].get_int64().value(), 2);
  EXPECT_EQ(w["feasibleNodes"].get_array().size(), 4u);
  EXPECT_EQ(w["placements"].get_array().size(), 2u);
  int64_t cloud = 0, hybrid = 0;
  if (w["byEnvironment"]["cloud"].get(cloud) != simdjson::SUCCESS) cloud = 0;
  if (w["byEnvironment"]["hybrid"].get(hybrid) != simdjson::SUCCESS) hybrid = 0;
  EXPECT_EQ(cloud + hybrid, 2);
  EXPECT_TRUE(w["byZone"].is_object());
  double p = w["probabilities"]["allReplicasInCloud"].get_double().value();
  EXPECT_GT(p, 0.3);
  EXPECT_LT(p, 0.7);
  EXPECT_EQ(w["probabilities"]["runs"].get_int64().value(), 200);
  EXPECT_FALSE(w["probabilities"]["guaranteedBothSides"].get_bool().value());
  simdjson::dom::element doc = parser.parse(r.out);
  EXPECT_TRUE(doc["findings"].is_array());
}

TEST(SimulateCli, AddNodesWhatIfMovesReplicasAndSeedIsReproducible) {
  std::string file = write_coredns();
  std::vector<std::string> args = {"simulate",           file,   "--assume-nodes", "hybrid:onprem=2", "--add-nodes",
                                   "cloud:us-west-2a=3", "-o",   "json",           "--seed",          "5",
                                   "--fail-on",          "never"};
  CliResult a = run_cli(args), b = run_cli(args);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  simdjson::dom::parser parser;
  simdjson::dom::element w = coredns_entry(parser, a.out);
  EXPECT_EQ(w["feasibleNodes"].get_array().size(), 5u);  // 2 assumed + 3 what-if nodes
}

TEST(SimulateCli, DrainEveryNodeLeavesReplicasUnschedulable) {
  std::string file = write_coredns();
  CliResult r = run_cli({"simulate", file, "--assume-nodes", "hybrid:onprem=2", "--drain", "env=hybrid", "-o", "json",
                         "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element w = coredns_entry(parser, r.out);
  for (simdjson::dom::element p : w["placements"].get_array()) EXPECT_TRUE(p.is_null());
}

TEST(SimulateCli, TextOutputNamesEveryWorkload) {
  std::string file = write_coredns();
  CliResult r = run_cli({"simulate", file, "--assume-nodes", "cloud:us-west-2a=2", "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Deployment kube-system/coredns: 2 replicas, cloud 2"), std::string::npos) << r.out;
}

TEST(SimulateCli, BadWhatIfIsAUsageError) {
  std::string file = write_coredns();
  CliResult r = run_cli({"simulate", file, "--add-nodes", "edge:z=1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--add-nodes"), std::string::npos);
  r = run_cli({"simulate", file, "--drain", "rack=1"});
  EXPECT_EQ(r.exit_code, 2);
  r = run_cli({"simulate", file, "--runs", "0"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace hybridctl::testing
