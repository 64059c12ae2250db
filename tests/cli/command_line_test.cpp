// The command line a new user meets in the first ten minutes (issue 17): the
// same common flags on every command, usage errors that say what is wrong and
// what exists, inputs in the forms users type, and readable output at scale.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace command_line_test {

std::string temp_path(const std::string& name) { return "/tmp/hybridctl-cli-" + std::to_string(getpid()) + "-" + name; }

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = temp_path(name);
  std::ofstream(path) << text;
  return path;
}

// A Deployment with no node constraint, as a GitOps repository holds it.
constexpr const char* kWebDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
)";

std::string example(const std::string& name) { return source_dir() + "/examples/" + name; }

int64_t node_count(const std::string& json, const char* environment) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json);
  return doc["cluster"]["nodes"][environment].get_int64().value();
}

std::set<std::string> rules_of(const std::string& json) {
  std::set<std::string> out;
  for (const auto& k : finding_keys(json)) out.insert(std::get<0>(k));
  return out;
}

// --- the same common flags on every command ---

TEST(CommonFlags, SimulateTakesRulesSkipRulesNoColorAndQuietAsAuditDoes) {
  const std::string dir = example("webhooks-unroutable");
  CliResult audit = run_cli({"audit", dir, "-o", "json", "--rules", "HN001,HN002", "--skip-rules", "HN002", "-q"});
  CliResult simulate =
      run_cli({"simulate", dir, "-o", "json", "--rules", "HN001,HN002", "--skip-rules", "HN002", "--no-color", "-q"});
  ASSERT_EQ(simulate.exit_code, 1) << simulate.err;
  EXPECT_EQ(rules_of(audit.out), std::set<std::string>{"HN001"});
  EXPECT_EQ(rules_of(simulate.out), std::set<std::string>{"HN001"});
  EXPECT_EQ(simulate.err, "") << "-q prints only errors";
  CliResult never = run_cli({"simulate", dir, "--rules", "HN001", "--fail-on", "never", "--no-color", "-q"});
  EXPECT_EQ(never.exit_code, 0);
  EXPECT_EQ(never.out.find("\033["), std::string::npos);
}

TEST(CommonFlags, TrafficTakesTheCommonFlagsAndRejectsAnUnknownRuleLikeAudit) {
  const std::string dir = example("dns-one-sided");
  CliResult ok = run_cli({"traffic", dir, "--no-color", "-q", "--rules", "hn007", "--skip-rules", "HN004"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("kube-system/kube-dns"), std::string::npos);
  for (const char* command : {"audit", "simulate", "traffic"}) {
    CliResult bad = run_cli({command, dir, "--rules", "HN0O1"});
    EXPECT_EQ(bad.exit_code, 2) << command;
    EXPECT_NE(bad.err.find("unknown rule \"HN0O1\""), std::string::npos) << command << ": " << bad.err;
  }
}

TEST(CommonFlags, FixReadsRuleIdsAsAuditDoesWhateverTheirCaseAndSpacing) {
  // fix had its own parser: "hn001" passed its check but selected nothing.
  const std::string dir = example("webhooks-unroutable");
  CliResult upper = run_cli({"fix", dir, "--rules", "HN001", "-q"});
  CliResult lower = run_cli({"fix", dir, "--rules", " hn001 ", "-q"});
  ASSERT_NE(upper.out.find("HN001"), std::string::npos) << upper.out;
  EXPECT_EQ(lower.out, upper.out);
  EXPECT_EQ(lower.exit_code, upper.exit_code);
  CliResult skipped = run_cli({"fix", dir, "--skip-rules", "hn001", "-q"});
  EXPECT_EQ(skipped.out.find("HN001"), std::string::npos) << skipped.out;
  CliResult bad = run_cli({"fix", dir, "--rules", "HN0O1"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown rule \"HN0O1\" (hybridctl explain --all lists them)"), std::string::npos) << bad.err;
}

TEST(CommonFlags, BareCommandPrintsUsage) {
  CliResult r = run_cli({});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* command : {"audit", "simulate", "traffic", "explain", "version"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
}

TEST(CommonFlags, MisspeltCommandIsNamedWithTheClosestSuggestion) {
  CliResult r = run_cli({"adit", example("healthy-mixed")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "hybridctl: unknown command \"adit\"; did you mean \"audit\"?\n");
  EXPECT_EQ(run_cli({"simluate"}).err, "hybridctl: unknown command \"simluate\"; did you mean \"simulate\"?\n");
  CliResult far = run_cli({"frobnicate"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_NE(
      far.err.find("unknown command \"frobnicate\"; commands: audit explain fix simulate traffic webhooks version"),
      std::string::npos)
      << far.err;
}

// --- inputs validated, never silently ignored ---

TEST(InputValidation, DrainNamingNothingThatExistsIsAUsageErrorListingWhatExists) {
  const std::string dir = example("dns-one-sided");
  CliResult zone = run_cli({"audit", dir, "--drain", "zone=us-west-2z"});
  EXPECT_EQ(zone.exit_code, 2);
  EXPECT_EQ(zone.err,
            "hybridctl audit: --drain zone=us-west-2z: no such zone in the input; zones: onprem, us-west-2a, "
            "us-west-2b, us-west-2c\n");
  CliResult node = run_cli({"simulate", dir, "--drain", "node=mi-typo"});
  EXPECT_EQ(node.exit_code, 2);
  EXPECT_NE(node.err.find("--drain node=mi-typo: no such node in the input; nodes: "), std::string::npos) << node.err;
  std::string hybrid_only = write_temp("web.yaml", kWebDeployment);
  CliResult env = run_cli({"audit", hybrid_only, "--assume-nodes", "hybrid:onprem=2", "--drain", "env=cloud"});
  EXPECT_EQ(env.exit_code, 2);
  EXPECT_EQ(env.err,
            "hybridctl audit: --drain env=cloud: no such node environment in the input; environments: hybrid\n");
  CliResult cloud = run_cli({"audit", dir, "--drain", "env=cloud", "-o", "json", "--fail-on", "never"});
  EXPECT_EQ(cloud.exit_code, 0) << cloud.err;
  std::remove(hybrid_only.c_str());
}

TEST(InputValidation, KubernetesVersionIsNormalisedToMajorMinorAndAnythingElseRejected) {
  const std::string dir = example("healthy-mixed");
  for (const char* v : {"1.31", "v1.31", "1.31.4", "v1.31.4-eks-a737599"}) {
    CliResult r = run_cli({"audit", dir, "--kubernetes-version", v, "-o", "json", "--fail-on", "never"});
    EXPECT_EQ(r.exit_code, 0) << v << ": " << r.err;
    EXPECT_NE(r.out.find("\"kubernetesVersion\": \"1.31\""), std::string::npos) << v;
  }
  for (const char* v : {"1", "1.x", "v1.31.", "1.31-eks", "1.31.4.5", "latest", "V1.31", "1.031"}) {
    CliResult r = run_cli({"audit", dir, "--kubernetes-version", v});
    EXPECT_EQ(r.exit_code, 2) << v;
    EXPECT_NE(r.err.find("is not a Kubernetes version"), std::string::npos) << v << ": " << r.err;
  }
}

TEST(InputValidation, RuleIdsAreTakenInAnyCase) {
  CliResult upper = run_cli({"explain", "HN006"});
  CliResult lower = run_cli({"explain", "hn006"});
  EXPECT_EQ(lower.exit_code, 0);
  EXPECT_EQ(lower.out, upper.out);
  CliResult r = run_cli({"audit", example("webhooks-unroutable"), "-o", "json", "--rules", "hn001,Hn006"});
  EXPECT_EQ(rules_of(r.out), (std::set<std::string>{"HN001", "HN006"}));
}

TEST(InputValidation, AssumeNodesIsRepeatableAndToleratesSpaces) {
  std::string file = write_temp("web-repeat.yaml", kWebDeployment);
  CliResult r = run_cli({"audit", file, "--assume-nodes", "cloud:us-west-2a=2, cloud:us-west-2b = 1", "--assume-nodes",
                         " hybrid:onprem=2 ", "-o", "json", "--fail-on", "never"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(node_count(r.out, "cloud"), 3);
  EXPECT_EQ(node_count(r.out, "hybrid"), 2);
  // The source after the flag is still a source: the flag takes one value per occurrence.
  CliResult after = run_cli({"audit", "--assume-nodes", "hybrid:onprem=1", file, "-o", "json", "--fail-on", "never"});
  EXPECT_EQ(after.exit_code, 0) << after.err;
  std::remove(file.c_str());
}

TEST(InputValidation, RepeatableFlagsTakeOneValuePerOccurrenceAndLeaveTheSourcesAlone) {
  std::string file = write_temp("web-flags.yaml", kWebDeployment);
  CliResult r = run_cli({"audit", "--remote-pod-network", "10.85.0.0/16", file, "--remote-node-network", "10.80.0.0/16",
                         "--drain", "zone=onprem", "--assume-nodes", "hybrid:onprem=1,cloud:us-west-2a=1", "-o", "json",
                         "--fail-on", "never"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(node_count(r.out, "hybrid"), 1);
  std::remove(file.c_str());
}

TEST(InputValidation, AYamlListHoldingTheDescribeClusterOutputGivesItsFacts) {
  std::string profile = write_temp("profile.yaml", R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: mi-1
    labels: {eks.amazonaws.com/compute-type: hybrid, topology.kubernetes.io/zone: onprem}
- cluster:
    name: my-cluster
    version: "1.30"
    remoteNetworkConfig:
      remoteNodeNetworks: [{cidrs: [10.80.0.0/16]}]
)");
  std::string file = write_temp("web-yaml-profile.yaml", kWebDeployment);
  CliResult r = run_cli({"audit", file, "--cluster-profile", profile, "-o", "json", "--fail-on", "never"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"kubernetesVersion\": \"1.30\""), std::string::npos) << r.out;
  // No remotePodNetworks in the describe-cluster output: the control plane cannot reach hybrid pods.
  EXPECT_NE(r.out.find("\"podNetwork\": \"unroutable\""), std::string::npos) << r.out;
  std::remove(profile.c_str());
  std::remove(file.c_str());
}

TEST(InputValidation, AssumeNodesExpressesUnzonedNodesAndTaints) {
  std::string file = write_temp("web-unzoned.yaml", kWebDeployment);
  CliResult unzoned = run_cli({"audit", file, "--assume-nodes", "cloud:us-west-2a=1,hybrid:=2", "-o", "json", "--rules",
                               "HN006", "--fail-on", "never"});
  ASSERT_EQ(unzoned.exit_code, 0) << unzoned.err;
  auto keys = finding_keys(unzoned.out);
  EXPECT_EQ(keys.count({"HN006", "error", "Node", "-", "assumed-hybrid-2"}), 1u) << unzoned.out;
  EXPECT_EQ(keys.count({"HN006", "error", "Node", "-", "assumed-hybrid-3"}), 1u) << unzoned.out;
  // A taint the Deployment does not tolerate keeps it off the hybrid nodes: every replica lands in the cloud.
  CliResult tainted =
      run_cli({"simulate", file, "--assume-nodes", "cloud:us-west-2a=1,hybrid:onprem=2:taint=site=onprem:NoSchedule",
               "-o", "json", "--fail-on", "never"});
  ASSERT_EQ(tainted.exit_code, 0) << tainted.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(tainted.out);
  simdjson::dom::element web = doc["workloads"].at(0);
  EXPECT_EQ(std::string_view(web["name"].get_string().value()), "web");
  EXPECT_EQ(web["feasibleNodes"].get_array().size(), 1u);
  EXPECT_EQ(web["byEnvironment"]["cloud"].get_int64().value(), 2);
  CliResult bad = run_cli({"audit", file, "--assume-nodes", "hybrid:onprem=2:taint=site=onprem:Sometimes"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("taint effect must be NoSchedule, PreferNoSchedule or NoExecute, got \"Sometimes\""),
            std::string::npos)
      << bad.err;
  std::remove(file.c_str());
}

TEST(InputValidation, ClusterProfileIsAFileOrADirectoryAndReadsDescribeClusterInsideAList) {
  std::string file = write_temp("web-profile.yaml", kWebDeployment);
  const std::string profile = example("cluster-profile.json");
  std::string dir = temp_path("profile-dir");
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(profile, dir + "/profile.json", std::filesystem::copy_options::overwrite_existing);
  for (const std::string& p : {profile, dir}) {
    CliResult r = run_cli({"audit", file, "--cluster-profile", p, "-o", "json", "--fail-on", "never"});
    ASSERT_EQ(r.exit_code, 0) << p << ": " << r.err;
    EXPECT_EQ(node_count(r.out, "cloud"), 3) << p;
    EXPECT_EQ(node_count(r.out, "hybrid"), 2) << p;
    // The describe-cluster item of the List: its version, and remotePodNetworks that hold the Cilium pool.
    EXPECT_NE(r.out.find("\"kubernetesVersion\": \"1.31\""), std::string::npos) << p;
    EXPECT_EQ(r.out.find("a document without `kind`"), std::string::npos) << p;
  }
  std::filesystem::remove_all(dir);
  std::remove(file.c_str());
}

TEST(InputValidation, TrafficWeightsNamingUnknownServicesAreReported) {
  std::string weights = write_temp("weights.txt", "kube-system/kube-dns 100\nshop/checkuot 5\n");
  CliResult r = run_cli({"traffic", example("dns-one-sided"), "--weights", weights});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "hybridctl traffic: --weights " + weights +
                       ": no Service shop/checkuot in the input (its rate is not counted)\n");
  std::remove(weights.c_str());
}

// --- readable at scale ---

TEST(ReadableOutput, ManyFindingsOfOneRuleAreGroupedAndAllListsEach) {
  std::string file = write_temp("web-many.yaml", kWebDeployment);
  std::vector<std::string> args = {"audit",   file,    "--assume-nodes", "cloud:us-west-2a=1,hybrid:=25",
                                   "--rules", "HN006", "--fail-on",      "never"};
  CliResult grouped = run_cli(args);
  EXPECT_NE(grouped.out.find("  HN006  25 findings: Node assumed-hybrid-10, Node assumed-hybrid-11, Node "
                             "assumed-hybrid-12 and 22 more (--all lists each)\n      e.g. "),
            std::string::npos)
      << grouped.out;
  EXPECT_EQ(grouped.out.find("  HN006  Node assumed-hybrid-2\n"), std::string::npos);
  for (const char* every : {"--all", "-v"}) {
    std::vector<std::string> all = args;
    all.push_back(every);
    CliResult r = run_cli(all);
    EXPECT_EQ(r.out.find("25 findings: Node"), std::string::npos) << every;
    EXPECT_NE(r.out.find("  HN006  Node assumed-hybrid-2\n"), std::string::npos) << every;
    EXPECT_NE(r.out.find("  HN006  Node assumed-hybrid-26\n"), std::string::npos) << every;
  }
  args.insert(args.end(), {"-o", "json"});
  EXPECT_EQ(finding_keys(run_cli(args).out).size(), 25u) << "JSON lists every finding";
  std::remove(file.c_str());
}

TEST(ReadableOutput, BaselineReportsOnlyNewFindingsMatchedByRuleAndObjectNotMessage) {
  const std::string dir = example("webhooks-unroutable");
  std::string baseline = temp_path("baseline.json");
  CliResult first = run_cli({"audit", dir, "--write-baseline", baseline, "-q"});
  EXPECT_EQ(first.exit_code, 1);
  std::string written = read_text(baseline);
  CliResult json = run_cli({"audit", dir, "-o", "json"});
  EXPECT_EQ(written, json.out) << "the baseline is the -o json output";
  const size_t all = finding_keys(written).size();
  ASSERT_GT(all, 3u);
  // Reword every message: matching is by rule and object only.
  std::string reworded = written;
  for (size_t at = 0; (at = reworded.find("\"message\": \"", at)) != std::string::npos; at += 12) {
    reworded.insert(at + 12, "reworded ");
  }
  std::ofstream(baseline) << reworded;
  CliResult again = run_cli({"audit", dir, "--baseline", baseline});
  EXPECT_EQ(again.exit_code, 0) << "nothing new";
  EXPECT_NE(again.out.find("\n0 findings: 0 critical, 0 error, 0 warning, 0 info (suppressed: " + std::to_string(all) +
                           " by --baseline)\n"),
            std::string::npos)
      << again.out;
  CliResult again_json = run_cli({"audit", dir, "--baseline", baseline, "-o", "json"});
  EXPECT_EQ(finding_keys(again_json.out).size(), 0u);
  std::ofstream(baseline) << "not json";
  CliResult broken = run_cli({"audit", dir, "--baseline", baseline});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("--baseline " + baseline + ": not JSON"), std::string::npos) << broken.err;
  std::remove(baseline.c_str());
}

TEST(ReadableOutput, SummaryCountsFindingsTheIgnoreAnnotationSuppressedWhateverTheIdsCase) {
  // Two unzoned hybrid nodes; one opts out of HN006, its id in lower case.
  std::string nodes = write_temp("nodes.yaml", R"(apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-10.us-west-2.compute.internal
  labels: {topology.kubernetes.io/zone: us-west-2a}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0000000000000001
  labels: {eks.amazonaws.com/compute-type: hybrid}
---
apiVersion: v1
kind: Node
metadata:
  name: mi-0000000000000002
  labels: {eks.amazonaws.com/compute-type: hybrid}
  annotations: {hybridctl/ignore: "hn006"}
)");
  CliResult r = run_cli({"audit", nodes, "--rules", "HN006", "--fail-on", "never"});
  EXPECT_NE(r.out.find("  HN006  Node mi-0000000000000001"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("  HN006  Node mi-0000000000000002"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n1 findings: 0 critical, 1 error, 0 warning, 0 info (suppressed: 1 by the hybridctl/ignore "
                       "annotation)\n"),
            std::string::npos)
      << r.out;
  std::remove(nodes.c_str());
}

}  // namespace command_line_test
}  // namespace hybridctl::testing
