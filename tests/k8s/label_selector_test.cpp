// Pins src/k8s/label_selector to k8s.io/apimachinery: labels/selector.go
// (NewRequirement, Requirement.Matches), apis/meta/v1/helpers.go
// (LabelSelectorAsSelector) and util/validation (label key/value syntax).
#include "k8s/label_selector.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace hybridctl::k8s {
namespace label_selector_test {

using model::LabelSelector;
using model::Requirement;

MatchResult req(const std::string& key, const std::string& op, std::vector<std::string> values,
                const StringMap& labels) {
  return label_requirement_matches(Requirement{key, op, std::move(values)}, labels);
}

bool valid_key(const std::string& key) { return req(key, "Exists", {}, {}).error.empty(); }

bool valid_value(const std::string& value) { return req("k", "In", {value}, {}).error.empty(); }

// --- Requirement.Matches (selector_test.go TestRequirementSelectorMatching) ---

TEST(K8sLabelSelector, InMatchesListedValue) {
  MatchResult r = req("x", "In", {"foo", "bar"}, {{"x", "foo"}, {"y", "baz"}});
  EXPECT_TRUE(r.matched);
  EXPECT_EQ(r.error, "");
  EXPECT_FALSE(req("y", "In", {"alpha"}, {{"x", "foo"}, {"y", "baz"}}).matched);
}

// selector_test.go TestRequirementSelectorMatching: x In [""] vs {y: baz}.
TEST(K8sLabelSelector, InNeverMatchesMissingLabelEvenForEmptyValue) {
  EXPECT_FALSE(req("x", "In", {""}, {{"y", "baz"}}).matched);
  EXPECT_TRUE(req("x", "In", {""}, {{"x", ""}}).matched);
}

// selector_test.go TestRequirementSelectorMatching: x NotIn [""] vs {y: ""}.
TEST(K8sLabelSelector, NotInMatchesMissingLabel) {
  MatchResult r = req("x", "NotIn", {""}, {{"y", ""}});
  EXPECT_TRUE(r.matched);
  EXPECT_EQ(r.error, "");
}

TEST(K8sLabelSelector, NotInRejectsListedValue) {
  EXPECT_FALSE(req("y", "NotIn", {"baz", "alpha"}, {{"y", "baz"}}).matched);
  EXPECT_TRUE(req("y", "NotIn", {"alpha"}, {{"y", "baz"}}).matched);
}

// selector_test.go TestRequirementSelectorMatching: y Exists vs {y: ""}.
TEST(K8sLabelSelector, ExistsMatchesEmptyLabelValue) {
  EXPECT_TRUE(req("y", "Exists", {}, {{"y", ""}}).matched);
  EXPECT_FALSE(req("x", "Exists", {}, {{"y", ""}}).matched);
}

TEST(K8sLabelSelector, DoesNotExistMatchesOnlyMissingLabel) {
  EXPECT_TRUE(req("x", "DoesNotExist", {}, {{"y", ""}}).matched);
  EXPECT_FALSE(req("y", "DoesNotExist", {}, {{"y", ""}}).matched);
}

// helpers.go LabelSelectorAsSelector: only In/NotIn/Exists/DoesNotExist.
TEST(K8sLabelSelector, GtIsNotALabelSelectorOperator) {
  MatchResult r = req("z", "Gt", {"1"}, {{"z", "2"}});
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "\"Gt\" is not a valid label selector operator");
}

TEST(K8sLabelSelector, UnknownOperatorIsInvalid) {
  MatchResult r = req("x", "in", {"foo"}, {{"x", "foo"}});  // case matters
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "\"in\" is not a valid label selector operator");
}

// --- NewRequirement validation (selector_test.go TestRequirementConstructor) ---

TEST(K8sLabelSelector, InAndNotInNeedAtLeastOneValue) {
  MatchResult in = req("x1", "In", {}, {{"x1", ""}});
  EXPECT_FALSE(in.matched);
  EXPECT_NE(in.error.find("values set can't be empty"), std::string::npos);
  // An invalid NotIn does not fall back to "missing label matches".
  MatchResult not_in = req("x2", "NotIn", {}, {});
  EXPECT_FALSE(not_in.matched);
  EXPECT_NE(not_in.error.find("values set can't be empty"), std::string::npos);
}

TEST(K8sLabelSelector, ExistsAndDoesNotExistMustHaveNoValues) {
  MatchResult exists = req("x", "Exists", {"a"}, {{"x", "a"}});
  EXPECT_FALSE(exists.matched);
  EXPECT_NE(exists.error.find("values set must be empty"), std::string::npos);
  MatchResult absent = req("x", "DoesNotExist", {"a"}, {});
  EXPECT_FALSE(absent.matched);
  EXPECT_NE(absent.error.find("values set must be empty"), std::string::npos);
}

TEST(K8sLabelSelector, KeysMayStartWithDigits) {
  EXPECT_TRUE(valid_key("1foo"));
  EXPECT_TRUE(valid_key("1234"));
  EXPECT_TRUE(valid_key("a"));
}

// selector_test.go TestSetSelectorParser: DNS-prefixed keys.
TEST(K8sLabelSelector, PrefixedKeysAreValid) {
  EXPECT_TRUE(valid_key("this-is-a-dns.domain.com/key-with-dash"));
  EXPECT_TRUE(valid_key("0.1.2.domain/99"));
  EXPECT_TRUE(valid_key("eks.amazonaws.com/compute-type"));
  EXPECT_TRUE(valid_key("kubernetes.io/My_Name.x"));
}

// nodeaffinity_test.go TestNodeSelectorMatch: "invalid key".
TEST(K8sLabelSelector, KeyNameSyntaxIsValidated) {
  EXPECT_FALSE(valid_key("invalid key"));
  EXPECT_FALSE(valid_key(""));
  EXPECT_FALSE(valid_key("-abc"));
  EXPECT_FALSE(valid_key("abc_"));
  EXPECT_FALSE(valid_key("a/b/c"));
  MatchResult r = req("invalid key", "Exists", {}, {{"invalid key", "x"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("name part must consist of alphanumeric"), std::string::npos);
}

TEST(K8sLabelSelector, KeyNamePartIsAtMost63Characters) {
  EXPECT_TRUE(valid_key(std::string(63, 'a')));
  EXPECT_FALSE(valid_key(std::string(64, 'a')));
  EXPECT_TRUE(valid_key("example.com/" + std::string(63, 'a')));
  EXPECT_FALSE(valid_key("example.com/" + std::string(64, 'a')));
}

TEST(K8sLabelSelector, KeyPrefixIsALowercaseDnsSubdomainUpTo253) {
  EXPECT_FALSE(valid_key("/name"));
  EXPECT_FALSE(valid_key("Example.com/name"));
  EXPECT_FALSE(valid_key("example..com/name"));
  EXPECT_FALSE(valid_key("example_com/name"));
  // Only the total length is bounded: a 253-char prefix of 100-char labels passes.
  const std::string label100(100, 'a');
  const std::string prefix253 = label100 + "." + label100 + "." + std::string(51, 'b');
  ASSERT_EQ(prefix253.size(), 253u);
  EXPECT_TRUE(valid_key(prefix253 + "/n"));
  EXPECT_FALSE(valid_key(prefix253 + "c/n"));
}

// nodeaffinity_test.go: "invalid value: ___@#$%^" is not a label value.
TEST(K8sLabelSelector, ValueSyntaxIsValidated) {
  EXPECT_FALSE(valid_value("invalid value: ___@#$%^"));
  EXPECT_FALSE(valid_value("-a"));
  EXPECT_FALSE(valid_value("a."));
  EXPECT_FALSE(valid_value(std::string(64, 'v')));
  EXPECT_TRUE(valid_value(std::string(63, 'v')));
  EXPECT_TRUE(valid_value(""));
  EXPECT_TRUE(valid_value("10.10.100.1"));
  EXPECT_TRUE(valid_value("A_b-c.D"));
}

// --- LabelSelectorAsSelector (apis/meta/v1/helpers.go) ---

TEST(K8sLabelSelector, NilSelectorMatchesNothing) {
  LabelSelector nil_selector;  // present == false
  MatchResult r = label_selector_matches(nil_selector, {{"app", "web"}});
  EXPECT_FALSE(r.matched);
  EXPECT_EQ(r.error, "");
}

TEST(K8sLabelSelector, EmptySelectorMatchesEverything) {
  LabelSelector empty;
  empty.present = true;
  EXPECT_TRUE(label_selector_matches(empty, {{"app", "web"}}).matched);
  EXPECT_TRUE(label_selector_matches(empty, {}).matched);
}

TEST(K8sLabelSelector, MatchLabelsAndExpressionsAreAnded) {
  LabelSelector s{.present = true, .match_labels = {{"app", "web"}}, .match_expressions = {{"tier", "NotIn", {"db"}}}};
  EXPECT_TRUE(label_selector_matches(s, {{"app", "web"}}).matched);
  EXPECT_TRUE(label_selector_matches(s, {{"app", "web"}, {"tier", "front"}}).matched);
  EXPECT_FALSE(label_selector_matches(s, {{"app", "web"}, {"tier", "db"}}).matched);
  EXPECT_FALSE(label_selector_matches(s, {{"app", "api"}}).matched);
  EXPECT_FALSE(label_selector_matches(s, {{"tier", "front"}}).matched);
}

// The whole selector is parsed first: an invalid requirement anywhere makes
// it match nothing, even when the valid part would match.
TEST(K8sLabelSelector, InvalidExpressionMakesSelectorMatchNothing) {
  LabelSelector s{.present = true, .match_labels = {{"app", "web"}}, .match_expressions = {{"tier", "Exists", {"x"}}}};
  MatchResult r = label_selector_matches(s, {{"app", "web"}, {"tier", "x"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("values set must be empty"), std::string::npos);
}

// matchLabels become Equals requirements, so their keys and values are validated.
TEST(K8sLabelSelector, MatchLabelsAreValidated) {
  LabelSelector s;
  s.present = true;
  s.match_labels = {{"app", "we b"}};
  MatchResult r = label_selector_matches(s, {{"app", "we b"}});
  EXPECT_FALSE(r.matched);
  EXPECT_NE(r.error.find("\"we b\""), std::string::npos);
}

// --- SelectorFromSet (nodeSelector, Service selector) ---

// nodeaffinity_test.go TestPodMatchesNodeSelectorAndAffinityTerms "no selector".
TEST(K8sLabelSelector, EmptySelectorMapMatchesEverything) {
  EXPECT_TRUE(selector_map_matches({}, {}));
  EXPECT_TRUE(selector_map_matches({}, {{"foo", "bar"}}));
}

// TestPodMatchesNodeSelectorAndAffinityTerms: same labels / superset / subset.
TEST(K8sLabelSelector, SelectorMapNeedsEveryPair) {
  EXPECT_TRUE(selector_map_matches({{"foo", "bar"}}, {{"foo", "bar"}}));
  EXPECT_TRUE(selector_map_matches({{"foo", "bar"}}, {{"foo", "bar"}, {"baz", "blah"}}));
  EXPECT_FALSE(selector_map_matches({{"foo", "bar"}, {"baz", "blah"}}, {{"foo", "bar"}}));
  EXPECT_FALSE(selector_map_matches({{"foo", "bar"}}, {}));
  EXPECT_FALSE(selector_map_matches({{"foo", ""}}, {}));
  EXPECT_TRUE(selector_map_matches({{"foo", ""}}, {{"foo", ""}}));
}

// --- strconv.ParseInt(s, 10, 64), used by Gt/Lt ---

TEST(K8sLabelSelector, ParseIntAcceptsSignsAndLeadingZeros) {
  EXPECT_EQ(parse_int64_base10("0206"), 206);
  EXPECT_EQ(parse_int64_base10("+5"), 5);
  EXPECT_EQ(parse_int64_base10("-5"), -5);
  EXPECT_EQ(parse_int64_base10("0"), 0);
  EXPECT_EQ(parse_int64_base10("9223372036854775807"), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(parse_int64_base10("-9223372036854775808"), std::numeric_limits<int64_t>::min());
}

TEST(K8sLabelSelector, ParseIntRejectsJunkAndOverflow) {
  EXPECT_FALSE(parse_int64_base10("9223372036854775808"));
  EXPECT_FALSE(parse_int64_base10("-9223372036854775809"));
  EXPECT_FALSE(parse_int64_base10(""));
  EXPECT_FALSE(parse_int64_base10("-"));
  EXPECT_FALSE(parse_int64_base10("1_000"));
  EXPECT_FALSE(parse_int64_base10(" 1"));
  EXPECT_FALSE(parse_int64_base10("0x10"));
  EXPECT_FALSE(parse_int64_base10("v2"));
}

}  // namespace label_selector_test
}  // namespace hybridctl::k8s
