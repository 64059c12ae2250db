// `hybridctl fix` applies the findings' fixes one after the other: when two
// findings change one object, the second's patch is computed on (and
// guarded on) what the first leaves, so the script's patches apply in order
// and `-o patches` writes one patch per object that applies to the object as
// read. kubectl patch --local is the oracle.
#include <gtest/gtest.h>

#include "fix/render.h"
#include "report/fix_values.h"
#include "rules/kubectl_patch_support.h"

namespace hybridctl::fix {
namespace fixes_in_order_test {

using testing::kubectl_available;
using testing::kubectl_patch_local;

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx
)";

const model::ObjectRef kWeb{"apps/v1", "Deployment", "shop", "web"};

model::WeightedPodAffinityTerm hostname_term() {
  model::WeightedPodAffinityTerm t;
  t.weight = 100;
  t.term.topology_key = "kubernetes.io/hostname";
  t.term.label_selector.present = true;
  t.term.label_selector.match_labels.set("app", "web");
  return t;
}

// Two findings of different rules on one Deployment that has no affinity:
// each, computed alone, adds `affinity` behind a test that it is absent.
std::vector<rules::Finding> two_findings_on_one_object() {
  std::vector<rules::Finding> out(2);
  out[0].rule = "HN005";
  out[0].object = kWeb;
  out[0].fixes.emplace_back(SetReplicas{kWeb, 1, 2, {}});
  out[0].fixes.emplace_back(
      AddPreferredPodAntiAffinity{kWeb, "/spec/template/spec", model::PodSpec{}, {hostname_term()}, {}});
  out[1].rule = "HN002";
  out[1].object = kWeb;
  RequireNodeAffinity pin;
  pin.target = kWeb;
  pin.template_path = "/spec/template/spec";
  pin.key = "eks.amazonaws.com/compute-type";
  pin.op = "NotIn";
  pin.values = {"hybrid"};
  out[1].fixes.emplace_back(pin);
  return out;
}

std::string patch_of(const RenderedFix& r) { return r.patches.empty() ? "" : r.patches.front().patch; }

TEST(FixesInOrder, ASecondFindingsPatchOfOneObjectIsGuardedOnWhatTheFirstLeaves) {
  std::vector<rules::Finding> findings = two_findings_on_one_object();
  std::vector<RenderedFix> chained = render_in_order({&findings[0], &findings[1]});
  ASSERT_EQ(chained.size(), 2u);
  // Alone, the second patch tests that `affinity` is absent; after the first it is not.
  EXPECT_NE(patch_of(render(findings[1])).find(R"("path":"/spec/template/spec/affinity","value":null)"),
            std::string::npos);
  EXPECT_NE(patch_of(chained[1]).find(R"("path":"/spec/template/spec/affinity/nodeAffinity","value":null)"),
            std::string::npos)
      << patch_of(chained[1]);
  // The first finding's fix is the same either way.
  EXPECT_EQ(patch_of(chained[0]), patch_of(render(findings[0])));
}

TEST(FixesInOrder, OnePatchPerObjectAppliesToTheObjectAsReadAndEqualsTheFixesAppliedInOrder) {
  if (!kubectl_available()) GTEST_SKIP() << "kubectl not installed";
  std::vector<rules::Finding> findings = two_findings_on_one_object();
  // The findings' patches computed alone do not make one patch: the second's guard fails.
  std::string alone = report::concatenated_patch({patch_of(render(findings[0])), patch_of(render(findings[1]))});
  EXPECT_FALSE(kubectl_patch_local(kDeployment, alone).applied);

  std::vector<RenderedFix> chained = render_in_order({&findings[0], &findings[1]});
  std::string one = report::concatenated_patch({patch_of(chained[0]), patch_of(chained[1])});
  testing::PatchOutcome whole = kubectl_patch_local(kDeployment, one);
  ASSERT_TRUE(whole.applied) << whole.error << "\n" << one;
  testing::PatchOutcome first = kubectl_patch_local(kDeployment, patch_of(chained[0]));
  ASSERT_TRUE(first.applied) << first.error;
  testing::PatchOutcome second = kubectl_patch_local(first.yaml, patch_of(chained[1]));
  ASSERT_TRUE(second.applied) << second.error;
  EXPECT_EQ(whole.yaml, second.yaml);
  EXPECT_NE(whole.yaml.find("podAntiAffinity"), std::string::npos) << whole.yaml;
  EXPECT_NE(whole.yaml.find("NotIn"), std::string::npos) << whole.yaml;
  EXPECT_NE(whole.yaml.find("replicas: 2"), std::string::npos) << whole.yaml;
  // Applied twice, the guards fail: nothing changes a second time.
  EXPECT_FALSE(kubectl_patch_local(whole.yaml, one).applied);
}

TEST(FixesInOrder, TheSameChangeAskedByTwoFindingsIsMadeOnce) {
  rules::Finding a, b;
  a.object = b.object = {"v1", "Service", "shop", "web"};
  a.fixes.emplace_back(SetTrafficDistribution{a.object, "", "PreferClose"});
  b.fixes.emplace_back(SetTrafficDistribution{b.object, "", "PreferClose"});
  std::vector<RenderedFix> r = render_in_order({&a, &b});
  EXPECT_EQ(r[0].patches.size(), 1u);
  EXPECT_TRUE(r[1].patches.empty()) << patch_of(r[1]);
}

TEST(FixesInOrder, ValuesOfALaterFindingCarryTheAffinityAnEarlierOneAdded) {
  std::vector<rules::Finding> findings = two_findings_on_one_object();
  auto& pin = std::get<RequireNodeAffinity>(findings[1].fixes[0]);
  pin.helm_value_paths = {"affinity"};
  std::vector<RenderedFix> r = render_in_order({&findings[0], &findings[1]});
  // A chart's `affinity` replaces the whole object: the later values must keep the anti-affinity.
  EXPECT_NE(r[1].helm_values.find("podAntiAffinity"), std::string::npos) << r[1].helm_values;
  EXPECT_NE(r[1].helm_values.find("NotIn"), std::string::npos) << r[1].helm_values;
}

}  // namespace fixes_in_order_test
}  // namespace hybridctl::fix
