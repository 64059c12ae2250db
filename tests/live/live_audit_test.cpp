// `audit --live` end to end: the real kubectl (`kubectl proxy`, an exec
// credential plugin stub) in front of the stand-in API server, which serves
// the webhooks-unroutable example, upstream manifests and generated nodes and
// pods, and enforces deploy/rbac-readonly.yaml.
#include <gtest/gtest.h>

#include <filesystem>

#include "e2e/cli_runner.h"
#include "live/stand_in.h"

namespace hybridctl::testing {
namespace live_audit_test {

const std::string kExample = "/examples/webhooks-unroutable";

std::vector<std::string> object_files() {
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + kExample)) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::string upstream = source_dir() + "/../shared/fixtures/upstream";
  for (const char* f : {"/metrics-server/components-v0.8.0.yaml", "/calico/custom-resources.yaml"}) {
    if (std::filesystem::exists(upstream + f)) files.push_back(upstream + f);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string describe_cluster() { return source_dir() + kExample + "/describe-cluster.json"; }

// 1,200 generated pods: three pages of 500, so a page boundary falls inside the pods.
std::vector<std::string> server_args(const TempDir& dir, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = object_files();
  for (std::string a : {"--generate-nodes", "40", "--generate-pods", "1200", "--rbac"}) args.push_back(a);
  args.push_back(source_dir() + "/deploy/rbac-readonly.yaml");
  args.push_back("--dump");
  args.push_back(dir / "served.json");
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

class LiveAudit : public ::testing::Test {
 protected:
  void SetUp() override {
    bin_ = kubectl_bin_dir(dir_);
    if (bin_.empty()) GTEST_SKIP() << "kubectl is not installed";
    make_certificates(dir_);
  }
  std::vector<std::string> env() const {
    return {"PATH=" + bin_ + ":" + std::getenv("PATH"), "KUBERNETES_SERVICE_HOST=", "KUBECONFIG="};
  }
  CliResult live(const std::string& kubeconfig, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"audit", "--live", "--kubeconfig", kubeconfig, describe_cluster(), "-o", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_with_env(env(), args);
  }
  CliResult offline() { return run_cli({"audit", dir_ / "served.json", describe_cluster(), "-o", "json"}); }

  TempDir dir_;
  std::string bin_;
};

TEST_F(LiveAudit, FindingsEqualTheOfflineAuditOfTheSameObjectsAndTheStubRunsOncePerContext) {
  StandIn server(dir_, "api", server_args(dir_));
  ASSERT_GT(server.port(), 0);
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult l = live(kubeconfig);
  CliResult o = offline();
  ASSERT_EQ(o.exit_code, 1) << o.err;
  EXPECT_EQ(l.exit_code, 1) << l.err;
  auto live_findings = finding_keys(l.out);
  EXPECT_GE(live_findings.size(), 5u);
  EXPECT_EQ(live_findings, finding_keys(o.out));
  EXPECT_EQ(stub_runs(dir_), 1) << "one authentication per context, not per resource or page";
  // 1,200 generated pods plus the example's, 500 a page: three pages.
  EXPECT_EQ(server.calls("/api/v1/pods"), 3);
  EXPECT_EQ(server.calls("/api/v1/nodes"), 1);
  EXPECT_EQ(server.calls("/api/v1/namespaces/kube-system/configmaps/cilium-config"), 1);
  EXPECT_FALSE(server.any_call_containing("secrets"));
  EXPECT_FALSE(server.any_call_containing("/api/v1/configmaps")) << "ConfigMaps are read by name only";
  // A group the cluster does not serve is skipped without a request or a word.
  EXPECT_FALSE(server.any_call_containing("cilium.io"));
  EXPECT_EQ(l.err.find("cilium"), std::string::npos) << l.err;
  EXPECT_EQ(l.err.find("reading "), std::string::npos) << "no progress when stderr is not a terminal: " << l.err;
}

// `webhooks --live` reads through the same source as `audit --live`: its rows
// (one per webhook, conversion webhook and APIService, with their verdicts)
// equal those of `webhooks` over the objects the stand-in served.
TEST_F(LiveAudit, WebhooksLiveGivesTheRowsOfTheOfflineCommandOnTheSameObjects) {
  StandIn server(dir_, "api", server_args(dir_));
  ASSERT_GT(server.port(), 0);
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult l =
      run_with_env(env(), {"webhooks", "--live", "--kubeconfig", kubeconfig, describe_cluster(), "-o", "json"});
  CliResult o = run_cli({"webhooks", dir_ / "served.json", describe_cluster(), "-o", "json"});
  EXPECT_EQ(o.exit_code, 1) << "the example's load balancer controller webhook is BROKEN: " << o.err;
  EXPECT_EQ(l.exit_code, o.exit_code) << l.err;
  EXPECT_NE(o.out.find("\"BROKEN\""), std::string::npos) << o.out;
  // Positions differ (a page against a file): compare every row without them.
  auto without_positions = [](std::string json) {
    for (size_t at = json.find("\"source\""); at != std::string::npos; at = json.find("\"source\"", at)) {
      size_t end = json.find('}', at);
      json.erase(at, end + 1 - at);
    }
    return json;
  };
  EXPECT_EQ(without_positions(l.out), without_positions(o.out));
  EXPECT_EQ(stub_runs(dir_), 1);
}

TEST_F(LiveAudit, ProgressIsDrawnOnATerminalAndQuietSilencesIt) {
  if (sh("command -v script >/dev/null 2>&1") != 0) GTEST_SKIP() << "script(1) is not installed";
  StandIn server(dir_, "api", server_args(dir_));
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  std::string run = "env PATH=" + shell_arg(bin_ + ":" + std::getenv("PATH")) +
                    " KUBECONFIG= " + shell_arg(HYBRIDCTL_BINARY) + " audit --live --kubeconfig " +
                    shell_arg(kubeconfig) + " -o json";
  // script(1) gives the command a terminal and records what it drew there.
  for (bool quiet : {false, true}) {
    std::string typescript = dir_ / (quiet ? "quiet.tty" : "tty");
    sh("script -qec " + shell_arg(run + (quiet ? " -q" : "") + " >/dev/null") + " " + shell_arg(typescript) +
       " >/dev/null 2>&1");
    std::string drawn = read_text(typescript);
    if (quiet) {
      EXPECT_EQ(drawn.find("reading "), std::string::npos) << drawn;
    } else {
      EXPECT_NE(drawn.find("objects ("), std::string::npos) << drawn;
    }
  }
}

TEST_F(LiveAudit, AForbiddenResourceIsReportedOnceWithTheMissingVerbAndTheAuditGoesOn) {
  // The role without ingresses: the stand-in answers 403 for them.
  std::string rbac = read_text(source_dir() + "/deploy/rbac-readonly.yaml");
  size_t at = rbac.find("    resources: [ingresses]");
  ASSERT_NE(at, std::string::npos);
  rbac.replace(at, std::string("    resources: [ingresses]").size(), "    resources: [networkpolicies]");
  write_text(dir_ / "rbac.yaml", rbac);
  std::vector<std::string> args = server_args(dir_);
  auto it = std::find(args.begin(), args.end(), "--rbac");
  *(it + 1) = dir_ / "rbac.yaml";
  StandIn server(dir_, "api", args);
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult l = live(kubeconfig);
  EXPECT_EQ(l.exit_code, 1) << "a 403 is not a failure of the run: " << l.err;
  EXPECT_EQ(server.calls("/apis/networking.k8s.io/v1/ingresses"), 1);
  // As notes[] holds it, JSON-escaped.
  std::string expected = R"(cannot list networking.k8s.io/ingresses: forbidden (the RBAC role needs verb \"list\" on )"
                         R"(resource \"ingresses\" in API group \"networking.k8s.io\")";
  size_t first = l.out.find(expected);
  ASSERT_NE(first, std::string::npos) << l.out;
  EXPECT_EQ(l.out.find(expected, first + 1), std::string::npos) << "reported once";
  EXPECT_NE(l.out.find("Ingress (HN010)"), std::string::npos) << "the note on inputs not checked names the rule";
  EXPECT_EQ(finding_keys(l.out), finding_keys(offline().out)) << "the example has no Ingress: same findings";
}

TEST_F(LiveAudit, AnExpiredContinueTokenRestartsTheListFromTheStart) {
  StandIn server(dir_, "api", server_args(dir_, {"--expire-continue", "pods"}));
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult l = live(kubeconfig);
  EXPECT_EQ(l.exit_code, 1) << l.err;
  // Page 1, the 410 on page 2, then pages 1, 2 and 3 again.
  EXPECT_EQ(server.calls("/api/v1/pods"), 5);
  EXPECT_NE(l.out.find("restarted 1 time(s) after its continue token expired (410 Gone)"), std::string::npos);
  EXPECT_EQ(finding_keys(l.out), finding_keys(offline().out)) << "no pod twice, none lost";
}

TEST_F(LiveAudit, AConnectionClosedMidPageIsAClearErrorAndExitCode2) {
  StandIn server(dir_, "api", server_args(dir_, {"--close-mid-page", "pods"}));
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult l = live(kubeconfig);
  EXPECT_EQ(l.exit_code, 2) << l.err;
  EXPECT_NE(l.err.find("live:core/pods: reading core/pods (page 2): the connection closed before the response was "
                       "complete"),
            std::string::npos)
      << l.err;
}

TEST_F(LiveAudit, TwoContextsGiveOneReportWithAClusterEachAndTheWorstExitCode) {
  StandIn server(dir_, "api", server_args(dir_));
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"east", "west"});
  CliResult l = live(kubeconfig, {"--context", "east", "--context", "west", "--context", "missing"});
  EXPECT_EQ(l.exit_code, 2) << "the unreadable context is the worst: " << l.err;
  EXPECT_EQ(stub_runs(dir_), 2) << "once per readable context";
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(l.out);
  simdjson::dom::array clusters = doc["clusters"].get_array();
  ASSERT_EQ(clusters.size(), 3u);
  EXPECT_EQ(std::string_view(clusters.at(0)["context"].get_string()), "east");
  EXPECT_EQ(std::string_view(clusters.at(1)["context"].get_string()), "west");
  EXPECT_EQ(clusters.at(1)["findings"].get_array().size(), finding_keys(offline().out).size());
  std::string_view error = clusters.at(2)["error"].get_string();
  EXPECT_NE(error.find("context \"missing\" does not exist"), std::string::npos) << error;
}

TEST_F(LiveAudit, SaveWritesFilesThatReplayOfflineAndAClusterProfile) {
  StandIn server(dir_, "api", server_args(dir_));
  std::string kubeconfig = write_kubeconfig(dir_, server.port(), {"prod"});
  CliResult l = live(kubeconfig, {"--save", dir_ / "saved"});
  ASSERT_EQ(l.exit_code, 1) << l.err;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "saved/core_pods.json"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "saved/core_nodes.json"));
  for (const auto& e : std::filesystem::directory_iterator(dir_ / "saved")) {
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << "a temporary file was left: " << e.path();
  }
  std::filesystem::rename(dir_ / "saved/cluster-profile.yaml", dir_ / "cluster-profile.yaml");
  CliResult replay = run_cli({"audit", dir_ / "saved", describe_cluster(), "-o", "json"});
  EXPECT_EQ(replay.exit_code, 1) << replay.err;
  EXPECT_EQ(finding_keys(replay.out), finding_keys(l.out));
  // The profile gives an offline audit of manifests the live cluster's nodes.
  CliResult profiled = run_cli({"audit", source_dir() + kExample + "/metrics-server.yaml", "--cluster-profile",
                                dir_ / "cluster-profile.yaml", "-o", "json"});
  EXPECT_NE(profiled.exit_code, 2) << profiled.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(profiled.out);
  int64_t hybrid = doc["cluster"]["nodes"]["hybrid"].get_int64();
  EXPECT_GT(hybrid, 0) << profiled.out;
  std::string profile = read_text(dir_ / "cluster-profile.yaml");
  EXPECT_NE(profile.find("\"remoteNodeNetworks\""), std::string::npos) << "describe-cluster was an input";
  EXPECT_NE(profile.find("Kubernetes version (from /version): 1.31"), std::string::npos);
}

TEST_F(LiveAudit, InAPodTheServiceAccountTokenAndCaAreUsedOverTls) {
  StandIn server(dir_, "api", server_args(dir_, {"--token", "sa-token-1"}));
  std::filesystem::create_directories(dir_ / "sa");
  std::filesystem::copy_file(dir_ / "ca.crt", dir_ / "sa/ca.crt");
  write_text(dir_ / "sa/token", "sa-token-1\n");
  CliResult l =
      run_with_env({"KUBERNETES_SERVICE_HOST=127.0.0.1", "KUBERNETES_SERVICE_PORT=" + std::to_string(server.port()),
                    "HYBRIDCTL_SERVICEACCOUNT_DIR=" + (dir_ / "sa"), "KUBECONFIG=", "PATH=/nonexistent"},
                   {"audit", "--live", describe_cluster(), "-o", "json"});
  EXPECT_EQ(l.exit_code, 1) << l.err;
  EXPECT_EQ(finding_keys(l.out), finding_keys(offline().out));
  // A wrong token is refused by the server: the run says so and exits 2.
  write_text(dir_ / "sa/token", "stale\n");
  CliResult refused =
      run_with_env({"KUBERNETES_SERVICE_HOST=127.0.0.1", "KUBERNETES_SERVICE_PORT=" + std::to_string(server.port()),
                    "HYBRIDCTL_SERVICEACCOUNT_DIR=" + (dir_ / "sa"), "KUBECONFIG="},
                   {"audit", "--live", "-o", "json"});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("401"), std::string::npos) << refused.err;
}

}  // namespace live_audit_test
}  // namespace hybridctl::testing
