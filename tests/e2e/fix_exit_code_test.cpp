// `hybridctl fix`'s exit code (CLI.md "Exit codes", --fail-on): 1 when a
// finding at or above --fail-on is left without a fix the run carries out
// (advice only, a patch --write refused), 2 on a usage error or unreadable
// input, else 0.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace fix_exit_code_test {

namespace fs = std::filesystem;

std::string example(const char* name) { return source_dir() + "/examples/" + name; }

TEST(FixExitCode, ZeroWhenTheScriptCarriesOutEveryFindingsFix) {
  // dns-one-sided: HN005 and HN007, all with changes the script makes.
  EXPECT_EQ(run_cli({"fix", example("dns-one-sided")}).exit_code, 0);
}

TEST(FixExitCode, OneWhenAnAdviceOnlyFindingIsAtOrAboveFailOn) {
  // webhooks-unroutable: HN004 (error) has advice only (the network must change).
  EXPECT_EQ(run_cli({"fix", example("webhooks-unroutable")}).exit_code, 1);
  // Its critical findings are all fixed by the script.
  EXPECT_EQ(run_cli({"fix", example("webhooks-unroutable"), "--fail-on", "critical"}).exit_code, 0);
  EXPECT_EQ(run_cli({"fix", example("webhooks-unroutable"), "--fail-on", "never"}).exit_code, 0);
}

TEST(FixExitCode, PatchAndValuesFilesCountOnlyTheFixesTheyCarry) {
  // dns-one-sided's CoreDNS fix is fully carried by the script (add-on configuration), but -o patches
  // writes patches only: every finding there has one, so nothing is left.
  std::string out = "/tmp/hybridctl-fix-exit-" + std::to_string(getpid());
  EXPECT_EQ(run_cli({"fix", example("dns-one-sided"), "-o", "patches", "--out", out, "-q"}).exit_code, 0);
  // -o helm-values carries no values for HN007 (a Service field): the error is left.
  EXPECT_EQ(run_cli({"fix", example("dns-one-sided"), "-o", "helm-values", "--out", out, "-q"}).exit_code, 1);
  fs::remove_all(out);
}

TEST(FixExitCode, OneWhenWriteRefusesAPatchOfAFindingAtOrAboveFailOn) {
  std::string root = source_dir() + "/../shared/fixtures/upstream/eks-hybrid";
  if (!fs::exists(root + "/cilium-template-130.yaml")) GTEST_SKIP() << "shared fixtures not present";
  std::string dir = "/tmp/hybridctl-fix-exit-refused-" + std::to_string(getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(root + "/cilium-template-130.yaml", dir + "/cilium-template-130.yaml");
  std::vector<std::string> args = {
      "fix",           dir,          "--write", "--assume-nodes", "cloud:us-west-2a=2,hybrid:onprem=2",
      "--pod-network", "unroutable", "-q"};
  CliResult refused = run_cli(args);
  EXPECT_NE(refused.err.find("not written"), std::string::npos) << refused.err;
  args.insert(args.end(), {"--fail-on", "info"});
  EXPECT_EQ(run_cli(args).exit_code, 1);
  args.back() = "never";
  EXPECT_EQ(run_cli(args).exit_code, 0);
  fs::remove_all(dir);
}

TEST(FixExitCode, TwoOnAnUnknownFailOnOrUnreadableInput) {
  EXPECT_EQ(run_cli({"fix", example("dns-one-sided"), "--fail-on", "sometimes"}).exit_code, 2);
  EXPECT_EQ(run_cli({"fix", "/nonexistent/hybridctl/input.yaml"}).exit_code, 2);
}

}  // namespace fix_exit_code_test
}  // namespace hybridctl::testing
