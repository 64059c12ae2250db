// Label selection as k8s.io/apimachinery does it: labels.NewRequirement
// (validation) + Requirement.Matches, metav1.LabelSelectorAsSelector, and the
// plain map selector used by spec.nodeSelector and Service.spec.selector.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_map.h"
#include "k8s/match_result.h"
#include "model/scheduling.h"

namespace hybridctl::k8s {

// The operators of labels.Requirement (selection.Operator) that any API
// selector can reach. metav1 selectors map onto the first four only; core/v1
// node selectors add Gt/Lt.
enum class SelectionOp { In, NotIn, Exists, DoesNotExist, Gt, Lt };

// labels.NewRequirement + Requirement.Matches: validates key, value count and
// every value, then matches. In/NotIn need >=1 value, Exists/DoesNotExist
// none, Gt/Lt exactly one base-10 int64. NotIn and DoesNotExist match a
// missing label; Gt/Lt never match a missing or non-numeric label.
MatchResult selection_requirement_matches(std::string_view key, SelectionOp op, const std::vector<std::string>& values,
                                          const StringMap& labels);

// One metav1.LabelSelectorRequirement (operators In, NotIn, Exists,
// DoesNotExist; anything else is invalid).
MatchResult label_requirement_matches(const model::Requirement& requirement, const StringMap& labels);

// metav1.LabelSelectorAsSelector + Matches: nil selector matches nothing, `{}`
// matches everything, matchLabels and matchExpressions are ANDed. An invalid
// selector matches nothing and reports why.
MatchResult label_selector_matches(const model::LabelSelector& selector, const StringMap& labels);

// labels.SelectorFromSet: every pair present with an equal value; an empty
// map matches everything. No validation, as upstream.
bool selector_map_matches(const StringMap& selector, const StringMap& labels);

// Validation helpers (empty string = valid), as apimachinery's
// IsQualifiedName/IsLabelKey and IsValidLabelValue.
std::string label_key_error(std::string_view key);
std::string label_value_error(std::string_view value);
// Adds one validation message to those gathered so far ("a; b"), as the
// selector and node affinity validations report every problem, not the first.
void append_error(std::string& errors, std::string_view message);

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, int64 range.
// Leading zeros are accepted ("0206" = 206).
std::optional<int64_t> parse_int64_base10(std::string_view text);

}  // namespace hybridctl::k8s
