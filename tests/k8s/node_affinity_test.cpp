// Pins src/k8s/node_affinity to kube-scheduler's NodeAffinity:
// component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity{,_test}.go,
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go and
// plugins/helper/normalize_score.go.
#include "k8s/node_affinity.h"

#include <gtest/gtest.h>

#include <string>

namespace hybridctl::k8s {
namespace node_affinity_test {

using model::NodeAffinity;
using model::NodeSelector;
using model::NodeSelectorTerm;
using model::PreferredSchedulingTerm;
using model::Requirement;

constexpr std::string_view kComputeType = "eks.amazonaws.com/compute-type";

MatchResult expr(const std::string& key, const std::string& op, std::vector<std::string> values,
                 const StringMap& labels) {
  return node_selector_requirement_matches(Requirement{key, op, std::move(values)}, labels);
}

NodeSelectorTerm labels_term(std::vector<Requirement> expressions) {
  return NodeSelectorTerm{std::move(expressions), {}};
}

NodeSelectorTerm name_term(const std::string& op, std::vector<std::string> names) {
  return NodeSelectorTerm{{}, {Requirement{"metadata.name", op, std::move(names)}}};
}

NodeSelector required_terms(std::vector<NodeSelectorTerm> terms) { return NodeSelector{true, std::move(terms)}; }

std::optional<NodeAffinity> affinity(std::vector<NodeSelectorTerm> terms) {
  return NodeAffinity{required_terms(std::move(terms)), {}};
}

// --- NodeSelectorRequirement operators (TestPodMatchesNodeSelectorAndAffinityTerms) ---

TEST(K8sNodeAffinity, InMatchesListedValue) {
  EXPECT_TRUE(expr("foo", "In", {"bar", "value2"}, {{"foo", "bar"}}).matched);
  EXPECT_FALSE(expr("foo", "In", {"value1", "value2"}, {{"foo", "bar"}}).matched);
  EXPECT_FALSE(expr("foo", "In", {"bar"}, {}).matched);
}

// "Pod with matchExpressions using Gt operator": label 0206 > value 0204.
TEST(K8sNodeAffinity, GtParsesLeadingZerosAsDecimal) {
  EXPECT_TRUE(expr("kernel-version", "Gt", {"0204"}, {{"kernel-version", "0206"}}).matched);
  EXPECT_TRUE(expr("kernel-version", "Gt", {"205"}, {{"kernel-version", "0206"}}).matched);
  EXPECT_FALSE(expr("kernel-version", "Gt", {"206"}, {{"kernel-version", "0206"}}).matched);
}

TEST(K8sNodeAffinity, LtIsStrict) {
  EXPECT_TRUE(expr("bar", "Lt", {"7"}, {{"bar", "6"}}).matched);
  EXPECT_FALSE(expr("bar", "Lt", {"7"}, {{"bar", "7"}}).matched);
  EXPECT_FALSE(expr("bar", "Lt", {"7"}, {{"bar", "8"}}).matched);
}

// selector_test.go TestRequirementSelectorMatching: {z: v2} vs z > 1.
TEST(K8sNodeAffinity, GtNonNumericLabelDoesNotMatch) {
  MatchResult r = expr("z", "Gt", {"1"}, {{"z", "v2"}});
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "");  // the node's label is not the pod's error
  EXPECT_TRUE(expr("z", "Gt", {"1"}, {{"z", "2"}}).matched);
}

TEST(K8sNodeAffinity, GtAndLtNeverMatchMissingLabel) {
  EXPECT_FALSE(expr("z", "Gt", {"1"}, {}).matched);
  EXPECT_FALSE(expr("z", "Lt", {"1"}, {}).matched);
}

// selector.go NewRequirement: Gt/Lt need exactly one integer value.
TEST(K8sNodeAffinity, GtLtNeedExactlyOneIntegerValue) {
  EXPECT_NE(expr("z", "Gt", {}, {{"z", "2"}}).error, "");
  EXPECT_NE(expr("z", "Gt", {"1", "2"}, {{"z", "2"}}).error, "");
  MatchResult r = expr("z", "Lt", {"abc"}, {{"z", "2"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("the value must be an integer"), std::string::npos);
  // "-1" parses but is no label value (must start alphanumeric): still invalid.
  EXPECT_NE(expr("z", "Gt", {"-1"}, {{"z", "2"}}).error, "");
}

// "Pod with matchExpressions using NotIn operator that matches the existing node".
TEST(K8sNodeAffinity, NotInMatchesMissingLabel) {
  EXPECT_TRUE(expr("mem-type", "NotIn", {"DDR", "DDR2"}, {{"mem-type", "DDR3"}}).matched);
  EXPECT_TRUE(expr("mem-type", "NotIn", {"DDR", "DDR2"}, {}).matched);
  EXPECT_FALSE(expr("mem-type", "NotIn", {"DDR", "DDR2"}, {{"mem-type", "DDR"}}).matched);
}

TEST(K8sNodeAffinity, ExistsAndDoesNotExist) {
  EXPECT_TRUE(expr("GPU", "Exists", {}, {{"GPU", "NVIDIA-GRID-K1"}}).matched);
  EXPECT_FALSE(expr("GPU", "Exists", {}, {}).matched);
  EXPECT_TRUE(expr("GPU", "DoesNotExist", {}, {}).matched);
  EXPECT_FALSE(expr("GPU", "DoesNotExist", {}, {{"GPU", ""}}).matched);
}

// nodeaffinity_test.go TestNodeSelectorRequirementsAsSelector: Exists + values.
TEST(K8sNodeAffinity, ExistsWithValuesIsInvalid) {
  MatchResult r = expr("foo", "Exists", {"bar", "baz"}, {{"foo", "bar"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("values set must be empty for exists and does not exist"), std::string::npos);
}

TEST(K8sNodeAffinity, UnknownOperatorIsInvalid) {
  MatchResult r = expr("foo", "Equals", {"bar"}, {{"foo", "bar"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("Unsupported value: \"Equals\""), std::string::npos);
}

// --- NodeSelectorTerm ---

TEST(K8sNodeAffinity, TermWithoutExpressionsOrFieldsMatchesNothing) {
  MatchResult r = node_selector_term_matches(NodeSelectorTerm{}, "node_1", {{"foo", "bar"}});
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "");
}

// "Pod with multiple matchExpressions ANDed that (doesn't) match(es) the existing node".
TEST(K8sNodeAffinity, MatchExpressionsAreAnded) {
  const StringMap node = {{"GPU", "NVIDIA-GRID-K1"}};
  NodeSelectorTerm not_in = labels_term({{"GPU", "Exists", {}}, {"GPU", "NotIn", {"AMD", "INTER"}}});
  NodeSelectorTerm in = labels_term({{"GPU", "Exists", {}}, {"GPU", "In", {"AMD", "INTER"}}});
  EXPECT_TRUE(node_selector_term_matches(not_in, "", node).matched);
  EXPECT_FALSE(node_selector_term_matches(in, "", node).matched);
}

// "Pod with matchFields using In operator that (does not) match(es) the existing node".
TEST(K8sNodeAffinity, MatchFieldsNameIn) {
  EXPECT_TRUE(node_selector_term_matches(name_term("In", {"node_1"}), "node_1", {}).matched);
  EXPECT_FALSE(node_selector_term_matches(name_term("In", {"node_1"}), "node_2", {}).matched);
}

TEST(K8sNodeAffinity, MatchFieldsNameNotIn) {
  EXPECT_FALSE(node_selector_term_matches(name_term("NotIn", {"node_1"}), "node_1", {}).matched);
  EXPECT_TRUE(node_selector_term_matches(name_term("NotIn", {"node_1"}), "node_2", {}).matched);
}

// "Pod with one term: matchFields does not match, but matchExpressions matches",
// "both matchFields and matchExpressions match", TestNodeSelectorMatch
// "node matches field selector, but not labels".
TEST(K8sNodeAffinity, MatchFieldsAndExpressionsAreAnded) {
  NodeSelectorTerm term = name_term("In", {"node_1"});
  term.match_expressions = {{"foo", "In", {"bar"}}};
  EXPECT_FALSE(node_selector_term_matches(term, "node_2", {{"foo", "bar"}}).matched);
  EXPECT_TRUE(node_selector_term_matches(term, "node_1", {{"foo", "bar"}}).matched);
  EXPECT_FALSE(node_selector_term_matches(term, "node_1", {}).matched);
}

// TestNodeSelectorMatch "invalid field selector": metadata.name In [host_1, host_2].
TEST(K8sNodeAffinity, MatchFieldsNeedExactlyOneValue) {
  MatchResult r = node_selector_term_matches(name_term("In", {"host_1", "host_2"}), "host_1", {});
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "matchFields[0].values: Invalid value: must have one element");
}

// API validation (ValidateNodeFieldSelectorRequirement) admits only
// metadata.name with In/NotIn.
TEST(K8sNodeAffinity, MatchFieldsRejectOtherKeysAndOperators) {
  NodeSelectorTerm other_key{{}, {{"metadata.labels", "NotIn", {"x"}}}};
  MatchResult r = node_selector_term_matches(other_key, "node_1", {});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("not a valid field selector key"), std::string::npos);
  NodeSelectorTerm exists{{}, {{"metadata.name", "Exists", {}}}};
  EXPECT_NE(node_selector_term_matches(exists, "node_1", {}).error.find("Unsupported value"), std::string::npos);
}

// nodeaffinity.go nodeSelectorTerm.match: no node name => no fields to check.
TEST(K8sNodeAffinity, EmptyNodeNameSkipsMatchFields) {
  NodeSelectorTerm term = name_term("In", {"node_1"});
  EXPECT_TRUE(node_selector_term_matches(term, "", {}).matched);
  term.match_expressions = {{"foo", "In", {"bar"}}};
  EXPECT_TRUE(node_selector_term_matches(term, "", {{"foo", "bar"}}).matched);
  EXPECT_FALSE(node_selector_term_matches(term, "", {}).matched);
  // Invalid fields are still invalid without a name.
  EXPECT_NE(node_selector_term_matches(name_term("In", {}), "", {}).error, "");
}

// --- NodeSelector (LazyErrorNodeSelector.Match) ---

// "Pod with Affinity but nil NodeSelector will schedule onto a node".
TEST(K8sNodeAffinity, AbsentNodeSelectorMatchesEverything) {
  EXPECT_TRUE(node_selector_matches(NodeSelector{}, "n", {}).matched);
  EXPECT_TRUE(required_node_affinity_matches({}, NodeAffinity{}, "n", {{"foo", "bar"}}));
}

// "Pod with a nil / an empty []NodeSelectorTerm in affinity ... won't schedule".
TEST(K8sNodeAffinity, NilOrEmptyTermsMatchNothing) {
  MatchResult r = node_selector_matches(required_terms({}), "n", {{"foo", "bar"}});
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "");
  EXPECT_FALSE(required_node_affinity_matches({}, affinity({}), "n", {{"foo", "bar"}}));
}

// "Pod with empty MatchExpressions is not a valid value will match no objects".
TEST(K8sNodeAffinity, EmptyMatchExpressionsListMatchesNothing) {
  EXPECT_FALSE(required_node_affinity_matches({}, affinity({labels_term({})}), "", {{"foo", "bar"}}));
  // A dropped empty term does not stop a later term from matching.
  EXPECT_TRUE(required_node_affinity_matches({}, affinity({labels_term({}), labels_term({{"foo", "Exists", {}}})}), "",
                                             {{"foo", "bar"}}));
}

// "Pod with multiple NodeSelectorTerms ORed in affinity", TestNodeSelectorMatch
// "second term matches", "Pod with two terms: matchFields does not match, but
// matchExpressions matches" / "both ... do not match".
TEST(K8sNodeAffinity, TermsAreOred) {
  NodeSelector s = required_terms({name_term("In", {"node_1"}), labels_term({{"foo", "In", {"bar"}}})});
  EXPECT_TRUE(node_selector_matches(s, "node_2", {{"foo", "bar"}}).matched);
  EXPECT_TRUE(node_selector_matches(s, "node_1", {}).matched);
  EXPECT_FALSE(node_selector_matches(s, "node_2", {{"foo", "baz"}}).matched);
}

// "Pod with an invalid value in Affinity term won't be scheduled onto the node".
TEST(K8sNodeAffinity, InvalidValueTermMatchesNothingAndReportsError) {
  NodeSelector s = required_terms({labels_term({{"foo", "NotIn", {"invalid value: ___@#$%^"}}})});
  MatchResult r = node_selector_matches(s, "", {{"foo", "bar"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("nodeSelectorTerms[0].matchExpressions[0]"), std::string::npos);
  EXPECT_FALSE(required_node_affinity_matches({}, NodeAffinity{s, {}}, "", {{"foo", "bar"}}));
}

// LazyErrorNodeSelector: errors surface only when no term matched.
TEST(K8sNodeAffinity, InvalidTermDoesNotHideMatchingTerm) {
  NodeSelector s = required_terms(
      {labels_term({{"foo", "NotIn", {"invalid value: ___@#$%^"}}}), labels_term({{"foo", "In", {"bar"}}})});
  MatchResult r = node_selector_matches(s, "", {{"foo", "bar"}});
  EXPECT_TRUE(r.matched);
  EXPECT_EQ(r.error, "");
}

// TestNodeSelectorMatch "invalid field selector and label selector": every
// invalid term is reported, with its path.
TEST(K8sNodeAffinity, ErrorsOfEveryInvalidTermAreReported) {
  NodeSelectorTerm both = name_term("In", {"host_1"});
  both.match_expressions = {{"label_1", "In", {"label_1_val"}}};
  NodeSelector s = required_terms(
      {name_term("In", {"host_1", "host_2"}), both, labels_term({{"invalid key", "In", {"label_value"}}})});
  MatchResult r = node_selector_matches(s, "host_2", {});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("nodeSelectorTerms[0].matchFields[0].values"), std::string::npos);
  EXPECT_NE(r.error.find("nodeSelectorTerms[2].matchExpressions[0].key"), std::string::npos);
  EXPECT_TRUE(node_selector_matches(s, "host_1", {{"label_1", "label_1_val"}}).matched);
}

// --- nodeSelector AND required affinity (GetRequiredNodeAffinity().Match) ---

TEST(K8sNodeAffinity, NodeSelectorAndAffinityAreAnded) {
  auto exists = affinity({labels_term({{"foo", "Exists", {}}})});
  EXPECT_TRUE(required_node_affinity_matches({{"foo", "bar"}}, exists, "", {{"foo", "bar"}}));
  EXPECT_FALSE(required_node_affinity_matches({{"foo", "bar"}}, exists, "", {{"foo", "barrrrrr"}}));
  EXPECT_FALSE(required_node_affinity_matches({{"foo", "bar"}}, std::nullopt, "", {}));
  EXPECT_TRUE(required_node_affinity_matches({}, std::nullopt, "", {}));
}

// --- Preferred terms (TestPreferredSchedulingTermsScore) ---

// "first and third term match": 5 (matchFields host_1) + 11 (label_1) = 16.
TEST(K8sNodeAffinity, PreferredScoreSumsMatchingWeights) {
  std::vector<PreferredSchedulingTerm> terms = {{5, name_term("In", {"host_1"})},
                                                {7, labels_term({{"unknown_label", "In", {"unknown_label_val"}}})},
                                                {11, labels_term({{"label_1", "In", {"label_1_val"}}})}};
  const StringMap node = {{"label_1", "label_1_val"}};
  EXPECT_EQ(preferred_node_affinity_raw_score(terms, node, "host_1"), 16);
  EXPECT_EQ(preferred_node_affinity_raw_score(terms, node, "host_2"), 11);
  // Without a node name matchFields are skipped, as for a nameless Node.
  EXPECT_EQ(preferred_node_affinity_raw_score(terms, node), 16);
}

// "invalid field selector but no weight, error not reported"; empty preference skipped.
TEST(K8sNodeAffinity, PreferredScoreIgnoresZeroWeightAndEmptyTerms) {
  std::vector<PreferredSchedulingTerm> terms = {
      {0, name_term("In", {"host_1", "host_2"})}, {0, labels_term({{"a", "Exists", {}}})}, {9, NodeSelectorTerm{}}};
  EXPECT_EQ(preferred_terms_error(terms), "");
  EXPECT_EQ(preferred_node_affinity_raw_score(terms, {{"a", "1"}}, "host_1"), 0);
}

// "invalid field selector and label selector": PreScore would fail.
TEST(K8sNodeAffinity, PreferredTermsErrorNamesInvalidTerms) {
  std::vector<PreferredSchedulingTerm> terms = {{1, name_term("In", {"host_1", "host_2"})},
                                                {1, labels_term({{"label_1", "In", {"label_1_val"}}})},
                                                {1, labels_term({{"invalid key", "In", {"label_value"}}})}};
  std::string error = preferred_terms_error(terms);
  EXPECT_NE(error.find("[0].matchFields[0].values"), std::string::npos);
  EXPECT_NE(error.find("[2].matchExpressions[0].key"), std::string::npos);
  EXPECT_EQ(error.find("[1]."), std::string::npos);
  EXPECT_EQ(preferred_node_affinity_raw_score(terms, {{"label_1", "label_1_val"}}), 1);
}

// --- DefaultNormalizeScore (node_affinity_test.go TestNodeAffinityPriority) ---

// Weights 2 (foo=bar), 4 (key=value), 5 (az=az1) on nodes label1, label5, label2.
TEST(K8sNodeAffinity, NormalizeTruncatesTowardZero) {
  std::vector<PreferredSchedulingTerm> terms = {{2, labels_term({{"foo", "In", {"bar"}}})},
                                                {4, labels_term({{"key", "In", {"value"}}})},
                                                {5, labels_term({{"az", "In", {"az1"}}})}};
  std::vector<int64_t> raw = {
      preferred_node_affinity_raw_score(terms, {{"foo", "bar"}}),
      preferred_node_affinity_raw_score(terms, {{"foo", "bar"}, {"key", "value"}, {"az", "az1"}}),
      preferred_node_affinity_raw_score(terms, {{"key", "value"}})};
  EXPECT_EQ(raw, (std::vector<int64_t>{2, 11, 4}));
  EXPECT_EQ(normalize_scores(raw, false), (std::vector<int64_t>{18, 100, 36}));
  EXPECT_EQ(normalize_scores({1, 3}, false), (std::vector<int64_t>{33, 100}));
}

TEST(K8sNodeAffinity, NormalizeAllZero) {
  EXPECT_EQ(normalize_scores({0, 0, 0}, false), (std::vector<int64_t>{0, 0, 0}));
  EXPECT_EQ(normalize_scores({0, 0}, true), (std::vector<int64_t>{100, 100}));
  EXPECT_EQ(normalize_scores({}, false), (std::vector<int64_t>{}));
}

// taint_toleration_test.go "the more intolerable taints a node has, the lower score".
TEST(K8sNodeAffinity, NormalizeReverse) {
  EXPECT_EQ(normalize_scores({0, 1, 2}, true), (std::vector<int64_t>{100, 50, 0}));
  EXPECT_EQ(normalize_scores({1, 3}, true), (std::vector<int64_t>{67, 0}));
}

// --- could_match_with_label / could_match_without_label ---

TEST(K8sNodeAffinity, CouldMatchAnythingWithoutConstraints) {
  EXPECT_TRUE(could_match_with_label({}, std::nullopt, kComputeType, "hybrid"));
  EXPECT_TRUE(could_match_without_label({}, std::nullopt, kComputeType));
  EXPECT_TRUE(could_match_with_label({}, NodeAffinity{}, kComputeType, "hybrid"));
}

TEST(K8sNodeAffinity, CouldMatchNodeSelectorOnTheKey) {
  const StringMap hybrid = {{std::string(kComputeType), "hybrid"}, {"zone", "a"}};
  EXPECT_TRUE(could_match_with_label(hybrid, std::nullopt, kComputeType, "hybrid"));
  EXPECT_FALSE(could_match_with_label(hybrid, std::nullopt, kComputeType, "fargate"));
  EXPECT_FALSE(could_match_without_label(hybrid, std::nullopt, kComputeType));
  // Entries on other keys are satisfiable by the free labels.
  EXPECT_TRUE(could_match_without_label({{"zone", "a"}}, std::nullopt, kComputeType));
}

TEST(K8sNodeAffinity, CouldMatchNotInHybrid) {
  auto a = affinity({labels_term({{std::string(kComputeType), "NotIn", {"hybrid"}}})});
  EXPECT_FALSE(could_match_with_label({}, a, kComputeType, "hybrid"));
  EXPECT_TRUE(could_match_with_label({}, a, kComputeType, "auto"));
  EXPECT_TRUE(could_match_without_label({}, a, kComputeType));
}

TEST(K8sNodeAffinity, CouldMatchInAndExistsNeedTheLabel) {
  auto in = affinity({labels_term({{std::string(kComputeType), "In", {"hybrid"}}})});
  EXPECT_TRUE(could_match_with_label({}, in, kComputeType, "hybrid"));
  EXPECT_FALSE(could_match_without_label({}, in, kComputeType));
  auto absent = affinity({labels_term({{std::string(kComputeType), "DoesNotExist", {}}})});
  EXPECT_FALSE(could_match_with_label({}, absent, kComputeType, "hybrid"));
  EXPECT_TRUE(could_match_without_label({}, absent, kComputeType));
}

TEST(K8sNodeAffinity, CouldMatchTreatsOtherKeysAndFieldsAsFree) {
  NodeSelectorTerm term = name_term("In", {"node-7"});
  term.match_expressions = {{"zone", "In", {"onprem-1"}}, {"gpu", "DoesNotExist", {}}};
  auto a = affinity({term});
  EXPECT_TRUE(could_match_with_label({}, a, kComputeType, "hybrid"));
  EXPECT_TRUE(could_match_without_label({}, a, kComputeType));
}

TEST(K8sNodeAffinity, CouldMatchAnyTerm) {
  auto a = affinity({labels_term({{std::string(kComputeType), "In", {"hybrid"}}}),
                     labels_term({{std::string(kComputeType), "DoesNotExist", {}}})});
  EXPECT_TRUE(could_match_with_label({}, a, kComputeType, "hybrid"));
  EXPECT_TRUE(could_match_without_label({}, a, kComputeType));
  EXPECT_FALSE(could_match_with_label({}, a, kComputeType, "auto"));
}

TEST(K8sNodeAffinity, CouldMatchNeverThroughInvalidOrEmptyTerms) {
  auto invalid = affinity(
      {labels_term({{std::string(kComputeType), "In", {"hybrid"}}, {"zone", "In", {"invalid value: ___@#$%^"}}})});
  EXPECT_FALSE(could_match_with_label({}, invalid, kComputeType, "hybrid"));
  auto bad_field = affinity({NodeSelectorTerm{{}, {{"metadata.name", "In", {}}}}});
  EXPECT_FALSE(could_match_without_label({}, bad_field, kComputeType));
  EXPECT_FALSE(could_match_with_label({}, affinity({}), kComputeType, "hybrid"));
  EXPECT_FALSE(could_match_without_label({}, affinity({labels_term({})}), kComputeType));
}

// Gt/Lt on the asked key are evaluated numerically against the asked value.
TEST(K8sNodeAffinity, CouldMatchNumericRequirementOnTheKey) {
  auto a = affinity({labels_term({{"rack", "Gt", {"10"}}})});
  EXPECT_TRUE(could_match_with_label({}, a, "rack", "011"));
  EXPECT_FALSE(could_match_with_label({}, a, "rack", "10"));
  EXPECT_FALSE(could_match_without_label({}, a, "rack"));
}

}  // namespace node_affinity_test
}  // namespace hybridctl::k8s
