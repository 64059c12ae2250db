// `fix --live` (CLI.md / issue 19: "With --live the script targets the live
// objects as read; it never applies anything itself"): through the real
// kubectl and the stand-in API server the live tests use, the script equals
// the one `fix` prints for the objects the stand-in served (which serves
// GETs only, under the read-only role), and --write / --dry-run, which
// rewrite files, are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "e2e/cli_runner.h"
#include "live/stand_in.h"

namespace hybridctl::testing {
namespace fix_live_test {

const std::string kExample = "/examples/webhooks-unroutable";

std::vector<std::string> example_files() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + kExample)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string describe_cluster() { return source_dir() + kExample + "/describe-cluster.json"; }

class FixLive : public ::testing::Test {
 protected:
  void SetUp() override {
    bin_ = kubectl_bin_dir(dir_);
    if (bin_.empty()) GTEST_SKIP() << "kubectl is not installed";
    make_certificates(dir_);
  }
  std::vector<std::string> server_args() {
    std::vector<std::string> args = example_files();
    for (std::string a : {"--generate-nodes", "6", "--rbac"}) args.push_back(a);
    args.push_back(source_dir() + "/deploy/rbac-readonly.yaml");
    args.push_back("--dump");
    args.push_back(dir_ / "served.json");
    return args;
  }
  CliResult fix_live(const std::string& kubeconfig, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"fix", "--live", "--kubeconfig", kubeconfig, describe_cluster()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_with_env({"PATH=" + bin_ + ":" + std::getenv("PATH"), "KUBERNETES_SERVICE_HOST=", "KUBECONFIG="}, args);
  }

  TempDir dir_;
  std::string bin_;
};

TEST_F(FixLive, TheScriptIsTheOneForTheObjectsAsRead) {
  StandIn server(dir_, "api", server_args());
  ASSERT_GT(server.port(), 0);
  const std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult live = fix_live(kubeconfig, {"-q", "--fail-on", "never"});
  CliResult offline = run_cli({"fix", dir_ / "served.json", describe_cluster(), "-q", "--fail-on", "never"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_EQ(live.exit_code, 0) << live.err;
  EXPECT_NE(live.out.find("kubectl "), std::string::npos) << "the example has fixes to script: " << live.out;
  // The same script; only the header says where the fixes were computed
  // from, and the file's script also names where each fixed field is in the
  // file (`# FILE:LINE:COL field`): a live page is no file to open.
  const std::string file_comment = "# " + (dir_ / "served.json") + ":";
  std::istringstream lines(offline.out);
  std::string line, without_positions;
  size_t positions = 0;
  while (std::getline(lines, line)) {
    if (line.starts_with(file_comment)) {
      ++positions;
      continue;
    }
    without_positions += line + "\n";
  }
  EXPECT_GT(positions, 0u) << offline.out;
  EXPECT_EQ(live.out.find(file_comment), std::string::npos);
  auto body = [](const std::string& script) { return script.substr(std::min(script.size(), script.find("set -e"))); };
  EXPECT_EQ(body(live.out), body(without_positions));
  EXPECT_NE(live.out.find("Computed from the live cluster of the current kubectl context"), std::string::npos)
      << live.out;
  EXPECT_NE(offline.out.find("Computed from " + (dir_ / "served.json")), std::string::npos) << offline.out;
  EXPECT_EQ(server.calls("/api/v1/nodes"), 1) << "the objects came from the cluster";
  CliResult named = fix_live(kubeconfig, {"-q", "--fail-on", "never", "--context", "prod"});
  EXPECT_NE(named.out.find("Computed from the live cluster of kubectl context prod"), std::string::npos) << named.err;
  EXPECT_NE(named.out.find("run it with context prod current"), std::string::npos) << named.out;
}

TEST_F(FixLive, PatchFilesAreWrittenForTheLiveObjects) {
  StandIn server(dir_, "api", server_args());
  ASSERT_GT(server.port(), 0);
  const std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult live = fix_live(kubeconfig, {"-o", "patches", "--out", dir_ / "live-patches", "-q", "--fail-on", "never"});
  CliResult offline = run_cli({"fix", dir_ / "served.json", describe_cluster(), "-o", "patches", "--out",
                               dir_ / "patches", "-q", "--fail-on", "never"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_EQ(live.exit_code, 0) << live.err;
  size_t files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "patches")) {
    if (!e.is_regular_file()) continue;
    ++files;
    const auto relative = std::filesystem::relative(e.path(), dir_ / "patches");
    std::ifstream a(e.path()), b(dir_ / ("live-patches/" + relative.string()));
    std::stringstream sa, sb;
    sa << a.rdbuf();
    sb << b.rdbuf();
    EXPECT_EQ(sb.str(), sa.str()) << relative;
  }
  EXPECT_GT(files, 0u);
}

TEST_F(FixLive, WriteAndDryRunAreUsageErrorsBecauseThereIsNoFileToRewrite) {
  for (const char* flag : {"--write", "--dry-run"}) {
    // Refused before the cluster is read: no server is needed.
    CliResult r = fix_live(dir_ / "no-such-kubeconfig", {flag});
    EXPECT_EQ(r.exit_code, 2) << flag << ": " << r.err;
    EXPECT_NE(r.err.find(std::string(flag) + " rewrites manifest files, and --live reads none"), std::string::npos)
        << r.err;
    EXPECT_EQ(r.out, "");
  }
}

}  // namespace fix_live_test
}  // namespace hybridctl::testing
