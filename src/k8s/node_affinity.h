// Node selection by labels and name, as kube-scheduler's NodeAffinity plugin
// does it (component-helpers/scheduling/corev1/nodeaffinity): nodeSelector,
// required node affinity (Filter), preferred node affinity (Score) and the
// default score normalisation. Plus two "could any node match" questions for
// when the audit has pod templates but no nodes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_map.h"
#include "k8s/match_result.h"
#include "model/scheduling.h"

namespace hybridctl::k8s {

// The only field a node selector's matchFields may name.
inline constexpr std::string_view kNodeNameField = "metadata.name";

// One core/v1 NodeSelectorRequirement in matchExpressions: In, NotIn, Exists,
// DoesNotExist, Gt, Lt. NotIn/DoesNotExist match a missing label; Gt/Lt
// compare base-10 int64s strictly ("0206" = 206) and never match a missing or
// non-numeric label. Invalid key/values/operator => error.
MatchResult node_selector_requirement_matches(const model::Requirement& requirement, const StringMap& node_labels);

// One NodeSelectorTerm: matchExpressions ANDed with matchFields. matchFields
// accept only metadata.name with In/NotIn and exactly one value, and are
// skipped when node_name is empty. A term with neither matches nothing.
MatchResult node_selector_term_matches(const model::NodeSelectorTerm& term, std::string_view node_name,
                                       const StringMap& node_labels);

// A NodeSelector (LazyErrorNodeSelector.Match): not present => matches;
// present with no terms => matches nothing; terms ORed. An invalid term does
// not match but the others are still tried; its error is reported only when
// no term matched.
MatchResult node_selector_matches(const model::NodeSelector& selector, std::string_view node_name,
                                  const StringMap& node_labels);

// What the NodeAffinity Filter decides: spec.nodeSelector AND the required
// node affinity. Parse errors count as "does not fit", as upstream.
bool required_node_affinity_matches(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                                    std::string_view node_name, const StringMap& node_labels);

// NodeAffinity Score before normalisation: the sum of the weights of the
// preferred terms that match. Weight-0 and empty terms are ignored; invalid
// terms contribute nothing (upstream fails PreScore instead: check them with
// preferred_terms_error). matchFields are skipped when node_name is empty.
int64_t preferred_node_affinity_raw_score(const std::vector<model::PreferredSchedulingTerm>& terms,
                                          const StringMap& node_labels, std::string_view node_name = {});

// Why upstream's PreScore would reject these preferred terms (empty = fine).
std::string preferred_terms_error(const std::vector<model::PreferredSchedulingTerm>& terms);

// DefaultNormalizeScore(100, reverse): score = 100 * raw / max (integer
// division), then 100 - score when reversed. When max is 0 the scores are left
// as they are (all 0), or all become 100 when reversed.
// In place, as the plugins use it on their candidates' scores.
void normalize_scores_in_place(std::span<int64_t> raw, bool reverse);
std::vector<int64_t> normalize_scores(std::vector<int64_t> raw, bool reverse);

// Could SOME node carrying label key=value pass nodeSelector + required node
// affinity, its other labels and its name being free? Requirements on other
// keys and matchFields count as satisfiable unless the term is invalid.
bool could_match_with_label(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                            std::string_view key, std::string_view value);

// Same question for nodes that do not carry `key` at all (e.g. cloud nodes
// have no eks.amazonaws.com/compute-type label).
bool could_match_without_label(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                               std::string_view key);

}  // namespace hybridctl::k8s
