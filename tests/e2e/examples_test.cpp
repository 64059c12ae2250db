// The bundled example clusters, audited by the binary: their findings are
// exactly those each example's expected.tsv lists.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace examples_test {

std::set<FindingKey> expected_findings(const std::string& path) {
  std::set<FindingKey> out;
  std::istringstream in(read_text(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '-') continue;
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string field;
    while (std::getline(ls, field, '\t')) f.push_back(field);
    if (f.size() == 5) out.emplace(f[0], f[1], f[2], f[3], f[4]);
  }
  return out;
}

class ExampleAudit : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleAudit, FindingsMatchExpectedTable) {
  std::string dir = source_dir() + "/examples/" + GetParam();
  CliResult r = run_cli({"audit", dir, "-o", "json"});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_EQ(finding_keys(r.out), expected_findings(dir + "/expected.tsv"));
  EXPECT_EQ(r.out.find("\"errors\": [\n"), std::string::npos) << "no input error expected";
}

// Every examples/*/ with an expected.tsv: a new example is tested by existing.
std::vector<std::string> example_names() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/examples")) {
    if (std::filesystem::exists(entry.path() / "expected.tsv")) out.push_back(entry.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleAudit, ::testing::ValuesIn(example_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

TEST(ExampleAuditExitCode, HealthyClusterPassesDefaultFailOn) {
  CliResult r = run_cli({"audit", source_dir() + "/examples/healthy-mixed", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(ExampleAuditExitCode, BrokenClusterFailsAndNeverPasses) {
  std::string dir = source_dir() + "/examples/webhooks-unroutable";
  EXPECT_EQ(run_cli({"audit", dir, "-q"}).exit_code, 1);
  EXPECT_EQ(run_cli({"audit", dir, "--fail-on", "never", "-q"}).exit_code, 0);
  // Only critical: the two HN001 findings still fail the run.
  EXPECT_EQ(run_cli({"audit", dir, "--fail-on", "critical", "-q"}).exit_code, 1);
}

TEST(ExampleAuditJson, CriticalFindingCarriesGuardedPatchAndCommand) {
  CliResult r = run_cli({"audit", source_dir() + "/examples/webhooks-unroutable", "-o", "json", "--rules", "HN001"});
  EXPECT_NE(r.out.find("\"rule\": \"HN001\""), std::string::npos);
  EXPECT_NE(r.out.find("\"severity\": \"critical\""), std::string::npos);
  EXPECT_NE(r.out.find("kubectl patch deployment metrics-server -n kube-system --type=json"), std::string::npos);
  EXPECT_NE(r.out.find("\"podNetwork\": \"unroutable\""), std::string::npos);
  EXPECT_EQ(r.out.find("HN012"), std::string::npos) << "--rules selects HN001 only";
}

TEST(ExampleAuditIgnore, AnnotationOptsAnObjectOut) {
  // The routable example's cert-manager components report HN012 info; opt one out by annotation.
  std::string dir = source_dir() + "/examples/routable-pod-network";
  std::string text = read_text(dir + "/cert-manager.yaml");
  // The webhook Deployment's annotations end with the release namespace, followed by its labels.
  std::string marker = "    meta.helm.sh/release-namespace: cert-manager\n  labels:\n    app: webhook\n";
  size_t at = text.find(marker);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + marker.find("  labels:"), "    hybridctl/ignore: \"HN012\"\n");
  std::string tmp = "/tmp/hybridctl-ignore-" + std::to_string(getpid()) + ".yaml";
  std::ofstream(tmp) << text;
  CliResult r = run_cli({"audit", tmp, dir + "/nodes.yaml", dir + "/describe-cluster.json", dir + "/cilium-bgp.yaml",
                         dir + "/cni.yaml", "-o", "json", "--rules", "HN012"});
  std::remove(tmp.c_str());
  auto keys = finding_keys(r.out);
  EXPECT_EQ(keys.count({"HN012", "info", "Deployment", "cert-manager", "cert-manager-webhook"}), 0u);
  EXPECT_EQ(keys.count({"HN012", "info", "Deployment", "cert-manager", "cert-manager-cainjector"}), 1u);
}

}  // namespace examples_test
}  // namespace hybridctl::testing
