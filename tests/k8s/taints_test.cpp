// Pins src/k8s/taints to core/v1 toleration.go (ToleratesTaint, incl. the
// Lt/Gt comparison operators) and the scheduler's TaintToleration plugin
// (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go).
#include "k8s/taints.h"

#include <gtest/gtest.h>

#include "k8s/node_affinity.h"  // normalize_scores, the plugin's NormalizeScore

namespace hybridctl::k8s {
namespace taints_test {

using model::Taint;
using model::Toleration;

Toleration tol(std::string key, std::string op, std::string value, std::string effect) {
  return Toleration{std::move(key), std::move(op), std::move(value), std::move(effect), {}};
}

bool tolerates(const Toleration& t, const Taint& taint) { return toleration_tolerates_taint(t, taint); }

// --- Toleration.ToleratesTaint ---

// TestTaintTolerationFilter: "dedicated node assigned to user1" / "user2".
TEST(K8sTaints, EqualNeedsSameKeyAndValue) {
  const Taint user1{"dedicated", "user1", "NoSchedule"};
  EXPECT_TRUE(tolerates(tol("dedicated", "Equal", "user1", "NoSchedule"), user1));
  EXPECT_FALSE(tolerates(tol("dedicated", "Equal", "user2", "NoSchedule"), user1));
  EXPECT_FALSE(tolerates(tol("other", "Equal", "user1", "NoSchedule"), user1));
}

// Toleration{Key: dedicated, Value: user1} without operator: "" means Equal.
TEST(K8sTaints, EmptyOperatorMeansEqual) {
  const Taint user1{"dedicated", "user1", "NoSchedule"};
  EXPECT_TRUE(tolerates(tol("dedicated", "", "user1", "NoSchedule"), user1));
  EXPECT_FALSE(tolerates(tol("dedicated", "", "", "NoSchedule"), user1));
  EXPECT_TRUE(tolerates(tol("dedicated", "", "", "NoSchedule"), Taint{"dedicated", "", "NoSchedule"}));
}

// "with a toleration uses operator Exists that tolerates the taints on the node".
TEST(K8sTaints, ExistsIgnoresValue) {
  EXPECT_TRUE(tolerates(tol("foo", "Exists", "", "NoSchedule"), Taint{"foo", "bar", "NoSchedule"}));
  EXPECT_TRUE(tolerates(tol("foo", "Exists", "", "NoSchedule"), Taint{"foo", "", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("foo", "Exists", "", "NoSchedule"), Taint{"fo", "bar", "NoSchedule"}));
}

// toleration.go rule 3: empty key + Exists matches every key and value.
TEST(K8sTaints, EmptyKeyExistsToleratesEverything) {
  const Toleration everything = tol("", "Exists", "", "");
  for (const char* effect : {"NoSchedule", "PreferNoSchedule", "NoExecute"}) {
    EXPECT_TRUE(tolerates(everything, Taint{"node.kubernetes.io/unreachable", "", effect}));
    EXPECT_TRUE(tolerates(everything, Taint{"eks.amazonaws.com/compute-type", "hybrid", effect}));
  }
}

TEST(K8sTaints, EmptyKeyExistsWithEffectToleratesOnlyThatEffect) {
  const Toleration no_execute = tol("", "Exists", "", "NoExecute");
  EXPECT_TRUE(tolerates(no_execute, Taint{"a", "b", "NoExecute"}));
  EXPECT_FALSE(tolerates(no_execute, Taint{"a", "b", "NoSchedule"}));
}

// "the effect of toleration is empty, and the effect of taint is NoSchedule".
TEST(K8sTaints, EmptyEffectToleratesEveryEffect) {
  const Toleration any_effect = tol("foo", "Equal", "bar", "");
  EXPECT_TRUE(tolerates(any_effect, Taint{"foo", "bar", "NoSchedule"}));
  EXPECT_TRUE(tolerates(any_effect, Taint{"foo", "bar", "PreferNoSchedule"}));
  EXPECT_TRUE(tolerates(any_effect, Taint{"foo", "bar", "NoExecute"}));
}

// "keys and values match the taint on the node, but (non-empty) effect doesn't match".
TEST(K8sTaints, EffectMismatchIsNotTolerated) {
  EXPECT_FALSE(tolerates(tol("foo", "Equal", "bar", "PreferNoSchedule"), Taint{"foo", "bar", "NoSchedule"}));
}

// TestTaintTolerationFilter: Gt 750 vs taint 950 fits; Gt 950 vs taint 800 does not.
TEST(K8sTaints, GtToleratesTaintValuesAboveTheToleration) {
  EXPECT_TRUE(tolerates(tol("node.kubernetes.io/sla", "Gt", "750", "NoSchedule"),
                        Taint{"node.kubernetes.io/sla", "950", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("node.example.com/priority-level", "Gt", "950", "NoSchedule"),
                         Taint{"node.example.com/priority-level", "800", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Gt", "950", ""), Taint{"sla", "950", "NoSchedule"}));
}

// TestTaintTolerationFilter: Lt 950 vs taint 800 fits; Lt 800 vs taint 950 does not.
TEST(K8sTaints, LtToleratesTaintValuesBelowTheToleration) {
  EXPECT_TRUE(tolerates(tol("node.kubernetes.io/sla", "Lt", "950", "NoSchedule"),
                        Taint{"node.kubernetes.io/sla", "800", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("node.example.com/priority-level", "Lt", "800", "NoSchedule"),
                         Taint{"node.example.com/priority-level", "950", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Lt", "800", ""), Taint{"sla", "800", "NoSchedule"}));
}

// "Pod with Gt toleration cannot be scheduled on node with non-numeric taint value".
TEST(K8sTaints, NonNumericValuesAreNotTolerated) {
  EXPECT_FALSE(tolerates(tol("node.kubernetes.io/sla", "Gt", "950", "NoSchedule"),
                         Taint{"node.kubernetes.io/sla", "high", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Lt", "high", ""), Taint{"sla", "1", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Lt", "", ""), Taint{"sla", "1", "NoSchedule"}));
}

// toleration.go compareNumericValues: content.IsDecimalInteger first, so
// leading zeros and '+' are parse failures (unlike node affinity's Gt/Lt).
TEST(K8sTaints, ComparisonNeedsCanonicalDecimalIntegers) {
  EXPECT_FALSE(tolerates(tol("sla", "Gt", "750", ""), Taint{"sla", "0950", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Gt", "+750", ""), Taint{"sla", "950", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Lt", "-0", ""), Taint{"sla", "-5", "NoSchedule"}));
  EXPECT_TRUE(tolerates(tol("sla", "Lt", "0", ""), Taint{"sla", "-5", "NoSchedule"}));
  EXPECT_TRUE(tolerates(tol("sla", "Gt", "-10", ""), Taint{"sla", "0", "NoSchedule"}));
}

TEST(K8sTaints, ComparisonBeyondInt64IsNotTolerated) {
  EXPECT_TRUE(
      tolerates(tol("sla", "Gt", "9223372036854775806", ""), Taint{"sla", "9223372036854775807", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("sla", "Gt", "1", ""), Taint{"sla", "9223372036854775808", "NoSchedule"}));
}

TEST(K8sTaints, UnknownOperatorNeverTolerates) {
  EXPECT_FALSE(tolerates(tol("foo", "equal", "bar", ""), Taint{"foo", "bar", "NoSchedule"}));
  EXPECT_FALSE(tolerates(tol("", "In", "", ""), Taint{"foo", "", "NoSchedule"}));
}

// --- Filter (TestTaintTolerationFilter) ---

// "A pod having no tolerations can't be scheduled onto a node with nonempty taints".
TEST(K8sTaints, FilterWithoutTolerationsReturnsTheNoScheduleTaint) {
  const std::vector<Taint> taints = {{"dedicated", "user1", "NoSchedule"}};
  const Taint* blocking = first_untolerated_filtering_taint({}, taints);
  ASSERT_NE(blocking, nullptr);
  EXPECT_EQ(blocking, &taints[0]);
  EXPECT_EQ(first_untolerated_filtering_taint({}, {}), nullptr);
}

// "...the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node".
TEST(K8sTaints, PreferNoScheduleNeverFilters) {
  const std::vector<Taint> taints = {{"dedicated", "user1", "PreferNoSchedule"}};
  EXPECT_EQ(first_untolerated_filtering_taint({}, taints), nullptr);
  EXPECT_EQ(first_untolerated_filtering_taint({tol("dedicated", "Equal", "user2", "NoSchedule")}, taints), nullptr);
}

TEST(K8sTaints, NoExecuteFilters) {
  const std::vector<Taint> taints = {{"node.kubernetes.io/unreachable", "", "NoExecute"}};
  EXPECT_NE(first_untolerated_filtering_taint({}, taints), nullptr);
  EXPECT_EQ(
      first_untolerated_filtering_taint({tol("node.kubernetes.io/unreachable", "Exists", "", "NoExecute")}, taints),
      nullptr);
}

// "A pod has multiple tolerations, node has multiple taints, all the taints are tolerated".
TEST(K8sTaints, FilterPassesWhenEveryTaintIsTolerated) {
  const std::vector<Toleration> tolerations = {tol("dedicated", "Equal", "user2", "NoSchedule"),
                                               tol("foo", "Exists", "", "NoSchedule")};
  const std::vector<Taint> taints = {{"dedicated", "user2", "NoSchedule"}, {"foo", "bar", "NoSchedule"}};
  EXPECT_EQ(first_untolerated_filtering_taint(tolerations, taints), nullptr);
}

// "Pod with mixed tolerations, Gt toleration needed": the first untolerated one is reported.
TEST(K8sTaints, FilterReportsFirstUntoleratedTaintInNodeOrder) {
  const std::vector<Toleration> tolerations = {tol("dedicated", "Equal", "user1", "NoSchedule")};
  const std::vector<Taint> taints = {{"soft", "x", "PreferNoSchedule"},
                                     {"dedicated", "user1", "NoSchedule"},
                                     {"node.kubernetes.io/sla", "950", "NoSchedule"},
                                     {"gpu", "", "NoExecute"}};
  EXPECT_EQ(first_untolerated_filtering_taint(tolerations, taints), &taints[2]);
}

// --- Score (TestTaintTolerationScore) ---

// "the more intolerable taints a node has, the lower score it gets": 0,1,2 -> 100,50,0.
TEST(K8sTaints, ScoreCountsIntolerablePreferNoScheduleTaints) {
  const std::vector<Toleration> tolerations = {tol("foo", "Equal", "bar", "PreferNoSchedule")};
  const Taint cpu{"cpu-type", "arm64", "PreferNoSchedule"};
  const Taint disk{"disk-type", "ssd", "PreferNoSchedule"};
  std::vector<int64_t> raw = {intolerable_prefer_no_schedule_count(tolerations, {}),
                              intolerable_prefer_no_schedule_count(tolerations, {cpu}),
                              intolerable_prefer_no_schedule_count(tolerations, {cpu, disk})};
  EXPECT_EQ(raw, (std::vector<int64_t>{0, 1, 2}));
  EXPECT_EQ(normalize_scores(raw, true), (std::vector<int64_t>{100, 50, 0}));
}

// "node with taints tolerated by the pod, gets a higher score": 100 vs 0.
TEST(K8sTaints, ScoreTolerantNodeBeatsIntolerantNode) {
  const std::vector<Toleration> tolerations = {tol("foo", "Equal", "bar", "PreferNoSchedule")};
  std::vector<int64_t> raw = {intolerable_prefer_no_schedule_count(tolerations, {{"foo", "bar", "PreferNoSchedule"}}),
                              intolerable_prefer_no_schedule_count(tolerations, {{"foo", "blah", "PreferNoSchedule"}})};
  EXPECT_EQ(normalize_scores(raw, true), (std::vector<int64_t>{100, 0}));
}

// "the nodes that all of their taints are tolerated by the pod, get the same score".
TEST(K8sTaints, ScoreIgnoresHowManyTaintsAreTolerated) {
  const std::vector<Toleration> tolerations = {tol("cpu-type", "Equal", "arm64", "PreferNoSchedule"),
                                               tol("disk-type", "Equal", "ssd", "PreferNoSchedule")};
  const Taint cpu{"cpu-type", "arm64", "PreferNoSchedule"};
  const Taint disk{"disk-type", "ssd", "PreferNoSchedule"};
  std::vector<int64_t> raw = {intolerable_prefer_no_schedule_count(tolerations, {}),
                              intolerable_prefer_no_schedule_count(tolerations, {cpu}),
                              intolerable_prefer_no_schedule_count(tolerations, {cpu, disk})};
  EXPECT_EQ(normalize_scores(raw, true), (std::vector<int64_t>{100, 100, 100}));
}

// "only taints and tolerations that have effect PreferNoSchedule are checked".
TEST(K8sTaints, ScoreIgnoresNoScheduleTolerationsAndTaints) {
  const std::vector<Toleration> tolerations = {tol("cpu-type", "Equal", "arm64", "NoSchedule"),
                                               tol("disk-type", "Equal", "ssd", "NoSchedule")};
  EXPECT_EQ(intolerable_prefer_no_schedule_count(tolerations, {{"cpu-type", "arm64", "NoSchedule"}}), 0);
  EXPECT_EQ(intolerable_prefer_no_schedule_count(
                tolerations, {{"cpu-type", "arm64", "PreferNoSchedule"}, {"disk-type", "ssd", "PreferNoSchedule"}}),
            2);
}

// getAllTolerationPreferNoSchedule keeps tolerations with an empty effect.
TEST(K8sTaints, ScoreCountsTolerationsWithEmptyEffect) {
  EXPECT_EQ(intolerable_prefer_no_schedule_count({tol("", "Exists", "", "")},
                                                 {{"a", "1", "PreferNoSchedule"}, {"b", "", "PreferNoSchedule"}}),
            0);
  EXPECT_EQ(intolerable_prefer_no_schedule_count({}, {{"a", "1", "PreferNoSchedule"}}), 1);
}

// "Numeric Gt/Lt operator: pod ... prefers nodes with matching SLA taint";
// "Score ignores parse errors from numeric PreferNoSchedule taint value".
TEST(K8sTaints, ScoreUsesNumericComparisons) {
  const std::vector<Toleration> gt = {tol("node.kubernetes.io/sla", "Gt", "950", "PreferNoSchedule")};
  std::vector<int64_t> raw = {
      intolerable_prefer_no_schedule_count(gt, {{"node.kubernetes.io/sla", "800", "PreferNoSchedule"}}),
      intolerable_prefer_no_schedule_count(gt, {{"node.kubernetes.io/sla", "999", "PreferNoSchedule"}}),
      intolerable_prefer_no_schedule_count(gt, {{"node.kubernetes.io/sla", "high", "PreferNoSchedule"}})};
  EXPECT_EQ(normalize_scores(raw, true), (std::vector<int64_t>{0, 100, 0}));
}

}  // namespace taints_test
}  // namespace hybridctl::k8s
