// `hybridctl fix -o patches`: one patch file per object, which `kubectl patch
// --local --type=json -f OBJECT --patch-file FILE` applies to the object as
// read, even when several findings change that object; afterwards the audit
// offers no patch for them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace fix_patches_per_object_test {

namespace fs = std::filesystem;

std::vector<std::string> split_documents(const std::string& text) {
  std::vector<std::string> docs;
  size_t at = 0;
  while (true) {
    size_t next = text.find("\n---\n", at);
    docs.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next + 1 - at));
    if (next == std::string::npos) break;
    at = next + 5;
  }
  return docs;
}

// (rule, severity) of the findings on Deployment kube-system/coredns that offer a patch of it.
std::vector<std::string> coredns_patches_offered(const std::string& audit_json) {
  std::vector<std::string> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(audit_json);
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    for (simdjson::dom::element p : f["fix"]["patches"].get_array()) {
      if (p["target"]["kind"].get_string().value() == "Deployment" &&
          p["target"]["name"].get_string().value() == "coredns") {
        out.push_back(std::string(f["rule"].get_string().value()) + " " +
                      std::string(f["severity"].get_string().value()));
      }
    }
  }
  return out;
}

// examples/dns-one-sided with CoreDNS's podAntiAffinity removed: HN005 (a)
// (replicas and zone spread) and HN005 (b) (the hostname anti-affinity)
// each patch the one Deployment, read from its own file.
std::string two_findings_on_coredns(const std::string& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string example = source_dir() + "/examples/dns-one-sided";
  for (const char* f : {"cni.yaml", "describe-cluster.json", "nodes.yaml"}) fs::copy(example + "/" + f, dir + "/" + f);
  std::vector<std::string> docs = split_documents(read_text(example + "/coredns.yaml"));
  std::string deployment = docs.at(1);
  size_t from = deployment.find("        podAntiAffinity:\n");
  size_t to = deployment.find("            weight: 100\n", from);
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  deployment.erase(from, to + std::string("            weight: 100\n").size() - from);
  std::ofstream(dir + "/coredns-deployment.yaml") << deployment;
  std::string rest;
  for (size_t i = 2; i < docs.size(); ++i) rest += "---\n" + docs[i];
  std::ofstream(dir + "/coredns.yaml") << rest;
  return dir + "/coredns-deployment.yaml";
}

TEST(FixPatchesPerObject, TwoFindingsPatchesOfOneObjectAreOnePatchKubectlApplies) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  std::string scratch = "/tmp/hybridctl-patches-per-object-" + std::to_string(getpid());
  std::string tree = scratch + "/cluster";
  std::string object = two_findings_on_coredns(tree);
  std::vector<std::string> offered = coredns_patches_offered(run_cli({"audit", tree, "-o", "json"}).out);
  ASSERT_EQ(offered, (std::vector<std::string>{"HN005 error", "HN005 warning"}));

  CliResult fix = run_cli({"fix", tree, "-o", "patches", "--out", scratch + "/out"});
  ASSERT_EQ(fix.exit_code == 2, false) << fix.err;
  std::string patch_file = scratch + "/out/deployment/kube-system/coredns.json";
  ASSERT_TRUE(fs::exists(patch_file)) << fix.err;
  std::string patched = scratch + "/coredns-deployment.json";
  std::string cmd = "kubectl patch --local --type=json -f " + shell_arg(object) + " --patch-file " +
                    shell_arg(patch_file) + " -o json >" + shell_arg(patched) + " 2>" + scratch + "/kubectl.err";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(scratch + "/kubectl.err") << read_text(patch_file);
  std::string json = read_text(patched);
  EXPECT_NE(json.find("\"replicas\": 4"), std::string::npos) << json;
  EXPECT_NE(json.find("topologySpreadConstraints"), std::string::npos) << json;
  EXPECT_NE(json.find("podAntiAffinity"), std::string::npos) << json;

  // The cluster with the patched object instead of the one read: nothing left to patch on it.
  fs::remove(object);
  fs::copy(patched, tree + "/coredns-deployment.json");
  CliResult after = run_cli({"audit", tree, "-o", "json"});
  EXPECT_TRUE(coredns_patches_offered(after.out).empty()) << after.out;
  for (const FindingKey& k : finding_keys(after.out)) {
    EXPECT_FALSE(std::get<0>(k) == "HN005" && std::get<1>(k) == "warning") << "HN005 (b) still reported";
  }
  fs::remove_all(scratch);
}

}  // namespace fix_patches_per_object_test
}  // namespace hybridctl::testing
