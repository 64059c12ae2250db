// The script `hybridctl fix` prints: bash accepts it, run with every
// `kubectl patch` replaced by `kubectl patch --local` on a copy of the
// object it names it makes the same objects as `fix --write`, a webhook
// that intercepts its own Deployment is set to Ignore first and restored
// last, and a workload that cannot move gets advice, not a patch.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "core/value.h"
#include "decode/yaml_reader.h"
#include "e2e/cli_runner.h"
#include "fix/splice_patch.h"

namespace hybridctl::testing {
namespace fix_command_script_test {

namespace fs = std::filesystem;

// kubectl for the script: `patch RESOURCE NAME [-n NS] --type=json -p PATCH`
// becomes `kubectl patch --local` on $OBJECTS/RESOURCE.NAMESPACE.NAME.json;
// every call is logged.
const char* kFakeKubectl = R"(#!/usr/bin/env bash
set -euo pipefail
echo "$*" >> "$OBJECTS/calls.log"
[ "$1" = patch ] || exit 0
res=$2 name=$3 ns=_ p=
shift 3
while [ $# -gt 0 ]; do
  case $1 in -n) ns=$2; shift 2 ;; -p) p=$2; shift 2 ;; *) shift ;; esac
done
f="$OBJECTS/$res.$ns.$name.json"
kubectl patch --local -f "$f" --type=json -p "$p" -o json > "$f.new"
mv "$f.new" "$f"
)";

const char* kWebhookOfItsOwnDeployment = R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: policy
webhooks:
- name: check.policy.example.com
  failurePolicy: Fail
  rules:
  - apiGroups: ["apps"]
    apiVersions: ["v1"]
    operations: ["CREATE", "UPDATE"]
    resources: ["deployments"]
  clientConfig:
    service: {namespace: policy, name: policy-engine}
---
apiVersion: v1
kind: Service
metadata: {name: policy-engine, namespace: policy}
spec:
  selector: {app: policy-engine}
  ports: [{port: 443}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: policy-engine
  namespace: policy
spec:
  replicas: 2
  selector:
    matchLabels: {app: policy-engine}
  template:
    metadata:
      labels: {app: policy-engine}
    spec:
      containers:
      - {name: engine, image: example/policy-engine:1}
)";

const std::vector<std::string> kMixed = {"--assume-nodes", "cloud:us-west-2a=2,cloud:us-west-2b=2,hybrid:onprem=2",
                                         "--pod-network", "unroutable"};

std::vector<Value> documents(const std::string& path) {
  std::vector<Value> docs;
  decode::YamlReadOptions o;
  o.skip_unread_fields = false;
  decode::read_yaml(
      read_text(path), 0, path, [&](Value&& v, const decode::DocumentContext&) { docs.push_back(std::move(v)); }, o);
  return docs;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Every object of the manifests under `dir`, as $OBJECTS files the fake kubectl patches.
void export_objects(const std::string& dir, const std::string& objects) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    for (const Value& d : documents(e.path().string())) {
      const Value* kind = d.get("kind");
      const Value* name = d.at({"metadata", "name"});
      if (!kind || !name) continue;
      const Value* ns = d.at({"metadata", "namespace"});
      std::ofstream(objects + "/" + lower(kind->text()) + "." + (ns ? ns->text() : "_") + "." + name->text() + ".json")
          << to_json(d);
    }
  }
}

struct Workspace {
  std::string root = "/tmp/hybridctl-fix-script-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  std::string manifests = root + "/manifests", written = root + "/written", objects = root + "/objects";
  static inline int serial = 0;
  Workspace() {
    fs::remove_all(root);
    fs::create_directories(objects);
    std::ofstream(root + "/kubectl") << kFakeKubectl;
    fs::permissions(root + "/kubectl", fs::perms::owner_all);
  }
  ~Workspace() { fs::remove_all(root); }
  // Runs the script with the fake kubectl; returns bash's exit code.
  int run(const std::string& script) {
    std::ofstream(root + "/fix.sh") << script;
    std::string cmd = "cd " + root + " && KUBECTL=" + root + "/kubectl OBJECTS=" + objects + " bash fix.sh >" + root +
                      "/run.out 2>" + root + "/run.err";
    return WEXITSTATUS(std::system(cmd.c_str()));
  }
};

TEST(FixScript, BashAcceptsItAndItMakesTheSameObjectsAsWrite) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  for (const std::string example :
       {"webhooks-unroutable", "dns-one-sided", "traffic-across-vpn", "cni-and-observability"}) {
    SCOPED_TRACE(example);
    Workspace w;
    fs::copy(source_dir() + "/examples/" + example, w.manifests, fs::copy_options::recursive);
    fs::copy(w.manifests, w.written, fs::copy_options::recursive);
    // Advice-only findings would exit 1; this test is about the script.
    std::vector<std::string> args = {"fix", w.manifests, "--patch-managed", "--fail-on", "never"};
    args.insert(args.end(), kMixed.begin(), kMixed.end());
    CliResult script = run_cli(args);
    ASSERT_EQ(script.exit_code, 0) << script.err;
    std::ofstream(w.root + "/syntax.sh") << script.out;
    EXPECT_EQ(std::system(("bash -n " + w.root + "/syntax.sh").c_str()), 0);
    export_objects(w.manifests, w.objects);
    ASSERT_EQ(w.run(script.out), 0) << read_text(w.root + "/run.err");

    std::vector<std::string> write = {"fix", w.written, "--write"};
    write.insert(write.end(), kMixed.begin(), kMixed.end());
    run_cli(write);
    // Every object the script patched equals its rewritten manifest.
    size_t compared = 0;
    std::string calls = read_text(w.objects + "/calls.log");
    for (const auto& e : fs::recursive_directory_iterator(w.written)) {
      if (!e.is_regular_file()) continue;
      for (const Value& d : documents(e.path().string())) {
        const Value* kind = d.get("kind");
        const Value* name = d.at({"metadata", "name"});
        if (!kind || !name) continue;
        if (calls.find("patch " + lower(kind->text()) + " " + name->text()) == std::string::npos) continue;
        const Value* ns = d.at({"metadata", "namespace"});
        std::string file =
            w.objects + "/" + lower(kind->text()) + "." + (ns ? ns->text() : "_") + "." + name->text() + ".json";
        std::vector<Value> scripted = documents(file);
        ASSERT_EQ(scripted.size(), 1u) << file;
        EXPECT_TRUE(fix::same_data(scripted[0], d))
            << file << "\nscript: " << to_json(scripted[0]) << "\nwrite:  " << to_json(d);
        ++compared;
      }
    }
    EXPECT_GT(compared, 0u);
    // Idempotent: run again, the guards skip every patch and no object changes.
    auto objects = [&] {
      std::map<std::string, std::string> out;
      for (const auto& e : fs::directory_iterator(w.objects)) {
        if (e.path().extension() == ".json") out[e.path().string()] = read_text(e.path().string());
      }
      return out;
    };
    auto before_second = objects();
    ASSERT_EQ(w.run(script.out), 0) << read_text(w.root + "/run.err");
    EXPECT_TRUE(objects() == before_second);
  }
}

TEST(FixScript, AWebhookThatInterceptsItsOwnDeploymentIsIgnoredFirstAndRestoredLast) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  Workspace w;
  fs::create_directories(w.manifests);
  std::ofstream(w.manifests + "/policy.yaml") << kWebhookOfItsOwnDeployment;
  std::vector<std::string> args = {"fix", w.manifests};
  args.insert(args.end(), kMixed.begin(), kMixed.end());
  CliResult script = run_cli(args);
  ASSERT_EQ(script.exit_code, 0) << script.err;
  export_objects(w.manifests, w.objects);
  ASSERT_EQ(w.run(script.out), 0) << read_text(w.root + "/run.err");
  std::string calls = read_text(w.objects + "/calls.log");
  size_t ignore = calls.find(
      "patch validatingwebhookconfiguration policy --type=json -p "
      "[{\"op\":\"test\",\"path\":\"/webhooks/0/"
      "name\",\"value\":\"check.policy.example.com\"},{\"op\":\"add\",\"path\":\"/webhooks/0/"
      "failurePolicy\",\"value\":\"Ignore\"}]");
  size_t deployment = calls.find("patch deployment policy-engine -n policy");
  size_t restore = calls.find("\"value\":\"Fail\"");
  ASSERT_NE(ignore, std::string::npos) << calls;
  ASSERT_NE(deployment, std::string::npos) << calls;
  ASSERT_NE(restore, std::string::npos) << calls;
  EXPECT_LT(ignore, deployment);
  EXPECT_LT(deployment, restore);
  std::vector<Value> webhook = documents(w.objects + "/validatingwebhookconfiguration._.policy.json");
  ASSERT_EQ(webhook.size(), 1u);
  EXPECT_EQ(webhook[0].get("webhooks")->items()[0].get("failurePolicy")->text(), "Fail");
  const Value* affinity = documents(w.objects + "/deployment.policy.policy-engine.json")[0].at(
      {"spec", "template", "spec", "affinity", "nodeAffinity"});
  EXPECT_NE(affinity, nullptr);
}

TEST(FixScript, AWebhookIsRestoredEvenWhenAFixFails) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  Workspace w;
  fs::create_directories(w.manifests);
  std::ofstream(w.manifests + "/policy.yaml") << kWebhookOfItsOwnDeployment;
  std::vector<std::string> args = {"fix", w.manifests};
  args.insert(args.end(), kMixed.begin(), kMixed.end());
  CliResult script = run_cli(args);
  export_objects(w.manifests, w.objects);
  fs::remove(w.objects + "/deployment.policy.policy-engine.json");  // the patch of the Deployment fails
  EXPECT_NE(w.run(script.out), 0);
  std::vector<Value> webhook = documents(w.objects + "/validatingwebhookconfiguration._.policy.json");
  ASSERT_EQ(webhook.size(), 1u);
  EXPECT_EQ(webhook[0].get("webhooks")->items()[0].get("failurePolicy")->text(), "Fail");
}

TEST(FixScript, AWorkloadPinnedToHybridNodesOrAClusterWithoutCloudNodesGetsAdviceNotAPatch) {
  for (auto [pin, nodes] : std::vector<std::pair<std::string, std::string>>{
           {"In, values: [hybrid]", "cloud:us-west-2a=2,hybrid:onprem=2"}, {"Exists", "hybrid:onprem=2"}}) {
    SCOPED_TRACE(nodes);
    Workspace w;
    fs::create_directories(w.manifests);
    std::string yaml = kWebhookOfItsOwnDeployment;
    yaml +=
        "      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n"
        "            nodeSelectorTerms:\n            - matchExpressions:\n"
        "              - {key: eks.amazonaws.com/compute-type, operator: " +
        pin + "}\n";
    std::ofstream(w.manifests + "/policy.yaml") << yaml;
    CliResult script = run_cli({"fix", w.manifests, "--assume-nodes", nodes, "--pod-network", "unroutable"});
    // Advice is no fix this run carries out: the HN002 error is left, so exit 1.
    ASSERT_EQ(script.exit_code, 1) << script.err;
    EXPECT_EQ(script.out.find("patch_object deployment"), std::string::npos) << script.out;
    EXPECT_NE(script.out.find("# HN002"), std::string::npos) << script.out;
    EXPECT_NE(script.out.find("hostNetwork: true"), std::string::npos) << script.out;
    EXPECT_NE(script.out.find("routable"), std::string::npos) << script.out;
    CliResult write = run_cli({"fix", w.manifests, "--write", "--assume-nodes", nodes, "--pod-network", "unroutable"});
    EXPECT_EQ(read_text(w.manifests + "/policy.yaml"), yaml);
  }
}

TEST(FixScript, HeaderNamesTheInputFilesOrCountsThemAndTheContextItTargets) {
  std::string dir = source_dir() + "/examples/dns-one-sided";
  CliResult one = run_cli({"fix", dir, "--fail-on", "never"});
  EXPECT_NE(one.out.find("# hybridctl fix: 3 finding(s). Computed from " + dir + ";\n"), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("it targets the cluster of the current kubectl context"), std::string::npos) << one.out;
  EXPECT_EQ(one.out.find("for the cluster of the current kubectl context"), std::string::npos) << one.out;
  CliResult many = run_cli({"fix", dir + "/coredns.yaml", dir + "/nodes.yaml", dir + "/cni.yaml",
                            dir + "/describe-cluster.json", "--fail-on", "never"});
  EXPECT_NE(many.out.find("Computed from 4 inputs;"), std::string::npos) << many.out;
}

}  // namespace fix_command_script_test
}  // namespace hybridctl::testing
