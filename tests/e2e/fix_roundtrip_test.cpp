// A fix is valid when applying it clears the finding and applying the audit
// again offers nothing more. kubectl patch --local is the oracle for JSON
// patch semantics (including the `test` guards).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "core/value.h"
#include "decode/json_reader.h"
#include "decode/yaml_reader.h"
#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace fix_roundtrip_test {

const char* kWebhookAndService = R"(apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: check.policy.example.com
  clientConfig:
    service: {namespace: policy, name: policy-engine}
---
apiVersion: v1
kind: Service
metadata: {name: policy-engine, namespace: policy}
spec:
  selector: {app: policy-engine}
  ports: [{port: 443}]
)";

std::string deployment(const std::string& affinity) {
  return R"(apiVersion: apps/v1
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
)" + affinity;
}

std::string first_patch(const std::string& audit_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(audit_json);
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    for (simdjson::dom::element p : f["fix"]["patches"].get_array()) return simdjson::minify(p["patch"]);
  }
  return "";
}

class FixRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(FixRoundTrip, JsonPatchClearsTheFindingAndIsNotOfferedTwice) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  std::string dir = "/tmp/hybridctl-fix-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/webhook.yaml") << kWebhookAndService;
  std::ofstream(dir + "/deploy.yaml") << deployment(GetParam());
  std::vector<std::string> audit{
      "audit", dir,       "--assume-nodes", "cloud:us-west-2a=1,hybrid:onprem=1", "--pod-network", "unroutable", "-o",
      "json",  "--rules", "HN002"};
  CliResult before = run_cli(audit);
  ASSERT_EQ(finding_keys(before.out).size(), 1u) << before.out;
  std::string patch = first_patch(before.out);
  ASSERT_FALSE(patch.empty());

  std::string cmd = "kubectl patch --local -f " + dir + "/deploy.yaml --type=json -p " + shell_arg(patch) +
                    " -o yaml > " + dir + "/patched.yaml 2>" + dir + "/kubectl.err";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(dir + "/kubectl.err") << "\npatch: " << patch;
  std::filesystem::rename(dir + "/patched.yaml", dir + "/deploy.yaml");

  CliResult after = run_cli(audit);
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_TRUE(finding_keys(after.out).empty()) << after.out;
  std::filesystem::remove_all(dir);
}

// pod anti-affinity only: nodeAffinity is added beside it
const char* kAntiAffinityOnly = R"(      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: policy-engine}}
)";

// two ORed terms, one already excluding hybrid: only the other gets the expression
const char* kTwoTermsOneExcludingHybrid = R"(      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - {key: eks.amazonaws.com/compute-type, operator: NotIn, values: [hybrid]}
            - matchExpressions:
              - {key: kubernetes.io/os, operator: In, values: [linux]}
)";

INSTANTIATE_TEST_SUITE_P(Templates, FixRoundTrip,
                         ::testing::Values(std::string(""), std::string(kAntiAffinityOnly),
                                           std::string(kTwoTermsOneExcludingHybrid)));

// ---------------------------------------------------------------------------
// The acceptance of every fix on real inputs: for every finding of every
// example (and upstream fixture), its patches, applied in report order with
// kubectl patch --local, succeed, and the audit afterwards no longer has
// those findings; each patch applied to a copy of its object that gained an
// unrelated affinity or term since the dump fails its guard or keeps it —
// never deletes it.
namespace acceptance {

using ObjectKey = std::tuple<std::string, std::string, std::string>;  // kind, namespace, name

void collect_objects(Value&& v, std::map<ObjectKey, std::string>& out) {
  const Value* kind = v.get("kind");
  if (!kind || !kind->is_scalar()) return;
  if (kind->text().ends_with("List")) {
    if (Value* items = const_cast<Value*>(v.get("items")); items && items->is_array()) {
      for (Value& item : items->items()) collect_objects(std::move(item), out);
    }
    return;
  }
  const Value* meta = v.get("metadata");
  if (!meta) return;
  const Value* name = meta->get("name");
  const Value* ns = meta->get("namespace");
  if (!name || !name->is_scalar()) return;
  out[{kind->text(), ns && ns->is_scalar() ? ns->text() : "", name->text()}] = to_json(v);
}

std::map<ObjectKey, std::string> objects_of(const std::vector<std::string>& files) {
  std::map<ObjectKey, std::string> out;
  for (const std::string& path : files) {
    std::string text = read_text(path);
    auto sink = [&](Value&& root, const decode::DocumentContext&) { collect_objects(std::move(root), out); };
    if (path.ends_with(".json")) {
      decode::read_json_text(text, 0, path, sink);
    } else if (path.ends_with(".yaml") || path.ends_with(".yml")) {
      decode::read_yaml(text, 0, path, sink);
    }
  }
  return out;
}

Value parse_json(const std::string& text) {
  Value out;
  static const std::string path = "kubectl";
  decode::read_json_text(text, 0, path, [&](Value&& v, const decode::DocumentContext&) { out = std::move(v); });
  return out;
}

Value* member(Value& v, std::string_view key) {
  for (auto& [k, child] : v.members()) {
    if (k == key) return &child;
  }
  return nullptr;
}

Value* pod_spec(Value& object) {
  Value* spec = member(object, "spec");
  if (!spec) return nullptr;
  if (Value* job = member(*spec, "jobTemplate")) spec = member(*job, "spec");
  Value* tmpl = spec ? member(*spec, "template") : nullptr;
  return tmpl ? member(*tmpl, "spec") : nullptr;
}

constexpr const char* kMarker = "hybridctl.test/added-since-the-dump";

// The object as the user changed it after the dump: an unrelated pod
// affinity term, and one more nodeSelectorTerm where there are terms.
std::string with_user_change(const std::string& json) {
  Value object = parse_json(json);
  Value* spec = pod_spec(object);
  if (!spec) return "";
  const std::string term = std::string(R"({"weight":1,"podAffinityTerm":{"topologyKey":")") + kMarker +
                           R"(","labelSelector":{"matchLabels":{"app":"other"}}}})";
  Value* affinity = member(*spec, "affinity");
  if (!affinity) {
    spec->add_member("affinity", parse_json(R"({"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[)" +
                                            term + "]}}"));
    return to_json(object);
  }
  if (!member(*affinity, "podAffinity")) {
    affinity->add_member("podAffinity",
                         parse_json(R"({"preferredDuringSchedulingIgnoredDuringExecution":[)" + term + "]}"));
  }
  if (Value* node = member(*affinity, "nodeAffinity")) {
    if (Value* required = member(*node, "requiredDuringSchedulingIgnoredDuringExecution")) {
      if (Value* terms = member(*required, "nodeSelectorTerms"); terms && terms->is_array()) {
        terms->add_item(
            parse_json(std::string(R"({"matchExpressions":[{"key":")") + kMarker + R"(","operator":"Exists"}]})"));
      }
    }
  }
  return to_json(object);
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

struct PatchResult {
  bool applied = false;
  std::string json;
  std::string error;
};

PatchResult kubectl_patch(const std::string& dir, const std::string& object_json, const std::string& patch) {
  std::ofstream(dir + "/object.json") << object_json;
  std::string cmd = "kubectl patch --local -f " + dir + "/object.json --type=json -p " + shell_arg(patch) +
                    " -o json >" + dir + "/patched.json 2>" + dir + "/kubectl.err";
  PatchResult r;
  r.applied = std::system(cmd.c_str()) == 0;
  r.json = read_text(dir + "/patched.json");
  r.error = read_text(dir + "/kubectl.err");
  return r;
}

// A finding as the expected tables name it: rule, severity, kind, namespace, name. A
// fix that leaves another part of the same rule on the same object (HN005's
// configuration warning giving way to its info about the odds) clears its own.
using Key4 = FindingKey;

struct Outcome {
  size_t patches = 0, applied = 0, not_in_input = 0, guarded = 0;
};

// Audits `files` (+ `args`), applies every patch in order, audits again.
Outcome check_fixes(const std::string& label, const std::vector<std::string>& files,
                    const std::vector<std::string>& args) {
  Outcome o;
  std::vector<std::string> audit{"audit"};
  audit.insert(audit.end(), files.begin(), files.end());
  audit.insert(audit.end(), args.begin(), args.end());
  audit.insert(audit.end(), {"-o", "json"});
  CliResult before = run_cli(audit);
  EXPECT_TRUE(before.exit_code == 0 || before.exit_code == 1) << label << before.err;
  std::map<ObjectKey, std::string> objects = objects_of(files);
  std::string dir = "/tmp/hybridctl-accept-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::set<Key4> fixed;         // findings whose every patch applied
  std::set<ObjectKey> patched;  // objects some patch changed
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(before.out);
  for (simdjson::dom::element f : doc["findings"].get_array()) {
    simdjson::dom::element obj = f["object"];
    std::string_view ns_view;
    std::string ns = obj["namespace"].get(ns_view) == simdjson::SUCCESS ? std::string(ns_view) : "-";
    Key4 finding{std::string(f["rule"].get_string().value()), std::string(f["severity"].get_string().value()),
                 std::string(obj["kind"].get_string().value()), ns, std::string(obj["name"].get_string().value())};
    bool all_applied = true, any = false;
    for (simdjson::dom::element p : f["fix"]["patches"].get_array()) {
      ++o.patches;
      any = true;
      simdjson::dom::element t = p["target"];
      std::string tns = t["namespace"].get(ns_view) == simdjson::SUCCESS ? std::string(ns_view) : "";
      ObjectKey key{std::string(t["kind"].get_string().value()), tns, std::string(t["name"].get_string().value())};
      auto it = objects.find(key);
      if (it == objects.end()) {
        ++o.not_in_input;  // e.g. the Tigera Installation, or a node from --assume-nodes
        all_applied = false;
        continue;
      }
      std::string patch = simdjson::minify(p["patch"]);
      std::string stale = with_user_change(it->second);
      if (!stale.empty()) {
        PatchResult on_stale = kubectl_patch(dir, stale, patch);
        bool kept = on_stale.applied && count(on_stale.json, kMarker) == count(stale, kMarker);
        EXPECT_TRUE(!on_stale.applied || kept)
            << label << ": " << std::get<0>(finding) << " on " << std::get<2>(key) << "/" << std::get<4>(finding)
            << " deleted what the user added since the dump\npatch: " << patch;
        o.guarded += !on_stale.applied;
      }
      PatchResult r = kubectl_patch(dir, it->second, patch);
      EXPECT_TRUE(r.applied) << label << ": " << std::get<0>(finding) << " " << std::get<4>(finding) << ": " << r.error
                             << "\npatch: " << patch << "\nobject: " << it->second;
      if (!r.applied) {
        all_applied = false;
        continue;
      }
      ++o.applied;
      it->second = r.json;
      patched.insert(key);
    }
    if (any && all_applied) fixed.insert(finding);
  }
  // The cluster after the fixes and their rollout: the patched objects, and
  // no pod of a patched workload (its controller replaces them; the
  // placement simulation puts the new replicas). Inputs without objects
  // (describe-cluster output) are passed along as they are.
  std::set<std::pair<std::string, std::string>> rolled;  // namespace, owner name
  for (const auto& [key, json] : objects) {
    if (patched.count(key)) rolled.emplace(std::get<1>(key), std::get<2>(key));
  }
  auto owned_by_rolled = [&](const std::string& json) {
    Value v = parse_json(json);
    const Value* owners = v.at({"metadata", "ownerReferences"});
    const Value* ns = v.at({"metadata", "namespace"});
    if (!owners || !owners->is_array()) return false;
    for (const Value& o : owners->items()) {
      const Value* name = o.get("name");
      if (name && rolled.count({ns ? ns->text() : "", name->text()})) return true;
    }
    return false;
  };
  for (const auto& [key, json] : objects) {  // ReplicaSets of a patched Deployment roll too
    if (std::get<0>(key) == "ReplicaSet" && owned_by_rolled(json)) rolled.emplace(std::get<1>(key), std::get<2>(key));
  }
  // The EndpointSlices listing those pods are rewritten by the rollout too:
  // left as dumped they would still place the old replicas.
  std::set<std::pair<std::string, std::string>> gone_pods;  // namespace, name
  for (const auto& [key, json] : objects) {
    if (std::get<0>(key) == "Pod" && owned_by_rolled(json)) gone_pods.emplace(std::get<1>(key), std::get<2>(key));
  }
  auto lists_gone_pod = [&](const std::string& json) {
    Value v = parse_json(json);
    const Value* ns = v.at({"metadata", "namespace"});
    const Value* endpoints = v.get("endpoints");
    if (!endpoints || !endpoints->is_array()) return false;
    for (const Value& e : endpoints->items()) {
      const Value* name = e.at({"targetRef", "name"});
      if (name && gone_pods.count({ns ? ns->text() : "", name->text()})) return true;
    }
    return false;
  };
  std::string list = R"({"apiVersion":"v1","kind":"List","items":[)";
  bool first = true;
  for (const auto& [key, json] : objects) {
    if (std::get<0>(key) == "Pod" && owned_by_rolled(json)) continue;
    if (std::get<0>(key) == "EndpointSlice" && lists_gone_pod(json)) continue;
    list += (first ? "" : ",") + json;
    first = false;
  }
  list += "]}";
  std::ofstream(dir + "/after.json") << list;
  std::vector<std::string> again{"audit"};
  for (const std::string& f : files) {
    if (objects_of({f}).empty()) again.push_back(f);
  }
  again.push_back(dir + "/after.json");
  again.insert(again.end(), args.begin(), args.end());
  again.insert(again.end(), {"-o", "json"});
  CliResult after = run_cli(again);
  std::set<Key4> remaining = finding_keys(after.out);
  for (const Key4& k : fixed) {
    EXPECT_FALSE(remaining.count(k)) << label << ": " << std::get<0>(k) << " " << std::get<2>(k) << " "
                                     << std::get<3>(k) << "/" << std::get<4>(k) << " survives its own fix";
  }
  std::filesystem::remove_all(dir);
  return o;
}

std::vector<std::string> files_of(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::string p = e.path().string();
    if (p.ends_with(".yaml") || p.ends_with(".json")) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FixAcceptance, EveryExamplesPatchesApplyInOrderClearTheirFindingsAndGuardAgainstStaleDumps) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  Outcome total;
  for (const auto& e : std::filesystem::directory_iterator(source_dir() + "/examples")) {
    if (!e.is_directory()) continue;
    Outcome o = check_fixes(e.path().filename().string(), files_of(e.path().string()), {});
    total.patches += o.patches;
    total.applied += o.applied;
    total.guarded += o.guarded;
  }
  EXPECT_GT(total.applied, 5u);
  EXPECT_GT(total.guarded, 3u);
  std::cout << "examples: " << total.patches << " patches, " << total.applied << " applied, " << total.guarded
            << " refused on a stale copy\n";
}

TEST(FixAcceptance, EveryUpstreamFixturesPatchesApplyInOrderAndClearTheirFindings) {
  if (std::system("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl not installed";
  std::string root = source_dir() + "/../shared/fixtures/upstream";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << "shared fixtures not present";
  Outcome total;
  std::vector<std::string> fixtures;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    std::string p = e.path().string();
    if (e.is_regular_file() && (p.ends_with(".yaml") || p.ends_with(".json"))) fixtures.push_back(p);
  }
  std::sort(fixtures.begin(), fixtures.end());
  for (const std::string& f : fixtures) {
    Outcome o = check_fixes(
        f.substr(root.size() + 1), {f},
        {"--assume-nodes", "cloud:us-west-2a=2,cloud:us-west-2b=2,hybrid:onprem=2", "--pod-network", "unroutable"});
    total.patches += o.patches;
    total.applied += o.applied;
    total.not_in_input += o.not_in_input;
    total.guarded += o.guarded;
  }
  EXPECT_GT(total.applied, 10u);
  std::cout << "upstream fixtures: " << total.patches << " patches, " << total.applied << " applied, "
            << total.not_in_input << " aimed at objects not in the input, " << total.guarded
            << " refused on a stale copy\n";
}

}  // namespace acceptance

}  // namespace fix_roundtrip_test
}  // namespace hybridctl::testing
