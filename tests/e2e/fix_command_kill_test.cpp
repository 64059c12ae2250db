// `fix --write` killed at any point (SIGKILL, no chance to clean up) leaves
// every manifest either as it was or as the finished run writes it: never
// half written.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <thread>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace fix_command_kill_test {

namespace fs = std::filesystem;

std::string deployment(int i) {
  return "# backend " + std::to_string(i) + R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: engine-)" +
         std::to_string(i) + R"(
  namespace: team
spec:
  replicas: 2
  selector:
    matchLabels: {app: engine-)" +
         std::to_string(i) + R"(}
  template:
    metadata:
      labels: {app: engine-)" +
         std::to_string(i) + R"(}
    spec:
      containers:
      - name: engine
        image: example/engine:1
---
apiVersion: v1
kind: Service
metadata: {name: engine-)" +
         std::to_string(i) + R"(, namespace: team}
spec:
  selector: {app: engine-)" +
         std::to_string(i) + R"(}
  ports: [{port: 443}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: engine-)" +
         std::to_string(i) + R"(}
webhooks:
- name: check.engine-)" +
         std::to_string(i) + R"(.example.com
  clientConfig:
    service: {namespace: team, name: engine-)" +
         std::to_string(i) + R"(}
)";
}

std::map<std::string, std::string> manifests(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".yaml") out[e.path().filename().string()] = read_text(e.path().string());
  }
  return out;
}

std::vector<std::string> fix_args(const std::string& dir) {
  return {HYBRIDCTL_BINARY, "fix",       dir, "--write", "-q", "--assume-nodes", "cloud:us-west-2a=2,hybrid:onprem=2",
          "--pod-network",  "unroutable"};
}

// Runs fix --write on `dir`, killed after `delay` (or left to finish when negative).
void run_killed_after(const std::string& dir, std::chrono::microseconds delay) {
  std::vector<std::string> args = fix_args(dir);
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (delay.count() >= 0) {
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
  }
  int status = 0;
  waitpid(pid, &status, 0);
}

TEST(FixCommandKill, SigkillAtAnyPointLeavesEveryFileOldOrNew) {
  std::string root = "/tmp/hybridctl-fix-kill-" + std::to_string(getpid());
  fs::remove_all(root);
  std::string original = root + "/original", finished = root + "/finished";
  fs::create_directories(original);
  constexpr int kFiles = 300, kPerFile = 5;
  for (int f = 0; f < kFiles; ++f) {
    std::string text;
    for (int k = 0; k < kPerFile; ++k) text += (k ? "---\n" : "") + deployment(f * kPerFile + k);
    std::ofstream(original + "/team-" + std::to_string(f) + ".yaml") << text;
  }
  fs::copy(original, finished);
  auto start = std::chrono::steady_clock::now();
  run_killed_after(finished, std::chrono::microseconds(-1));
  auto whole = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  std::map<std::string, std::string> before = manifests(original), after = manifests(finished);
  size_t changed = 0;
  for (const auto& [name, text] : after) changed += before[name] != text;
  ASSERT_EQ(changed, static_cast<size_t>(kFiles)) << "the finished run must rewrite every file";

  std::mt19937 rng(19);
  size_t partial_runs = 0;
  // The writes are the last, short part of a run (reading and auditing come
  // first), and how long each part takes depends on the machine's load: the
  // kill delays close in on the write window, bisecting [before, after]
  // (a kill that left every file old was too early, one that left every file
  // new too late), with random delays in between; 8 kills at least.
  int64_t too_early = 0, too_late = whole.count();
  for (int round = 0; round < 40 && (round < 8 || partial_runs == 0); ++round) {
    std::string dir = root + "/run-" + std::to_string(round);
    fs::copy(original, dir);
    const int64_t pick = round % 2 ? std::uniform_int_distribution<int64_t>(too_early, too_late)(rng)
                                   : too_early + (too_late - too_early) / 2;
    auto delay = std::chrono::microseconds(pick);
    run_killed_after(dir, delay);
    size_t old_files = 0, new_files = 0;
    for (const auto& [name, text] : manifests(dir)) {
      if (text == before[name]) {
        ++old_files;
      } else if (text == after[name]) {
        ++new_files;
      } else {
        ADD_FAILURE() << name << " is neither old nor new after a kill at " << delay.count() << " us";
      }
    }
    EXPECT_EQ(old_files + new_files, static_cast<size_t>(kFiles));
    partial_runs += old_files > 0 && new_files > 0;
    if (new_files == 0) too_early = std::max(too_early, pick);
    if (old_files == 0) too_late = std::min(too_late, pick);
    // What a kill leaves behind is finished by the next run.
    run_killed_after(dir, std::chrono::microseconds(-1));
    EXPECT_TRUE(manifests(dir) == after);
  }
  EXPECT_GT(partial_runs, 0u) << "no kill landed while files were being written";
  fs::remove_all(root);
}

}  // namespace fix_command_kill_test
}  // namespace hybridctl::testing
