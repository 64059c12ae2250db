#include "k8s/node_affinity.h"

#include <algorithm>

#include "k8s/label_selector.h"

namespace hybridctl::k8s {
namespace {

constexpr int64_t kMaxNodeScore = 100;

std::string indexed(std::string_view field, size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

std::optional<SelectionOp> node_selector_operator(std::string_view op) {
  if (op == "In") {
    return SelectionOp::In;
  }
  if (op == "NotIn") {
    return SelectionOp::NotIn;
  }
  if (op == "Exists") {
    return SelectionOp::Exists;
  }
  if (op == "DoesNotExist") {
    return SelectionOp::DoesNotExist;
  }
  if (op == "Gt") {
    return SelectionOp::Gt;
  }
  if (op == "Lt") {
    return SelectionOp::Lt;
  }
  return std::nullopt;
}

// The scheduler helper checks operator and value count; the API server also
// rejects any key but metadata.name, so such a term can never be admitted.
std::string field_requirement_error(const model::Requirement& requirement) {
  std::string errors;
  if (requirement.op != "In" && requirement.op != "NotIn") {
    append_error(errors,
                 "operator: Unsupported value: \"" + requirement.op + "\": supported values: \"In\", \"NotIn\"");
  } else if (requirement.values.size() != 1) {
    append_error(errors, "values: Invalid value: must have one element");
  }
  if (requirement.key != kNodeNameField) {
    append_error(errors, "key: Invalid value: \"" + requirement.key + "\": not a valid field selector key");
  }
  return errors;
}

bool field_requirement_holds(const model::Requirement& requirement, std::string_view node_name) {
  const bool equal = node_name == requirement.values.front();
  return requirement.op == "In" ? equal : !equal;
}

bool is_empty_term(const model::NodeSelectorTerm& term) {
  return term.match_expressions.empty() && term.match_fields.empty();
}

// All parse errors of a term's matchFields, each with its path.
std::string fields_error(const model::NodeSelectorTerm& term) {
  std::string errors;
  for (size_t i = 0; i < term.match_fields.size(); ++i) {
    std::string e = field_requirement_error(term.match_fields[i]);
    if (!e.empty()) {
      append_error(errors, indexed("matchFields", i) + "." + e);
    }
  }
  return errors;
}

// Can a node whose only known label is `probe` (or none) satisfy the term,
// every other label and the node name being free to choose?
bool term_could_match(const model::NodeSelectorTerm& term, std::string_view key, const StringMap& probe) {
  if (is_empty_term(term) || !fields_error(term).empty()) {
    return false;
  }
  for (const model::Requirement& requirement : term.match_expressions) {
    MatchResult r = node_selector_requirement_matches(requirement, probe);
    if (!r.valid()) {
      return false;
    }
    if (requirement.key == key && !r.matched) {
      return false;
    }
  }
  return true;
}

// `value == nullptr` asks about nodes that lack `key`.
bool could_match(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                 std::string_view key, const std::string_view* value) {
  if (const std::string* wanted = node_selector.find(key)) {
    if (value == nullptr || *wanted != *value) {
      return false;
    }
  }
  if (!affinity || !affinity->required.present) {
    return true;
  }
  StringMap probe;
  if (value != nullptr) {
    probe.set(std::string(key), std::string(*value));
  }
  return std::any_of(affinity->required.terms.begin(), affinity->required.terms.end(),
                     [&](const model::NodeSelectorTerm& term) { return term_could_match(term, key, probe); });
}

}  // namespace

MatchResult node_selector_requirement_matches(const model::Requirement& requirement, const StringMap& node_labels) {
  std::optional<SelectionOp> op = node_selector_operator(requirement.op);
  if (!op) {
    return {false, "operator: Unsupported value: \"" + requirement.op +
                       "\": supported values: \"In\", \"NotIn\", \"Exists\", \"DoesNotExist\", "
                       "\"Gt\", \"Lt\""};
  }
  return selection_requirement_matches(requirement.key, *op, requirement.values, node_labels);
}

MatchResult node_selector_term_matches(const model::NodeSelectorTerm& term, std::string_view node_name,
                                       const StringMap& node_labels) {
  if (is_empty_term(term)) {
    return {false, {}};  // upstream drops it: it selects nothing
  }
  // The whole term is parsed before matching, so every error is reported.
  std::string errors;
  bool labels_match = true;
  for (size_t i = 0; i < term.match_expressions.size(); ++i) {
    MatchResult r = node_selector_requirement_matches(term.match_expressions[i], node_labels);
    if (!r.valid()) {
      append_error(errors, indexed("matchExpressions", i) + "." + r.error);
    }
    labels_match = labels_match && r.matched;
  }
  append_error(errors, fields_error(term));
  if (!errors.empty()) {
    return {false, std::move(errors)};
  }
  if (!labels_match) {
    return {false, {}};
  }
  // A node without a name has no fields to compare, so upstream skips them.
  if (node_name.empty()) {
    return {true, {}};
  }
  const bool fields_match =
      std::all_of(term.match_fields.begin(), term.match_fields.end(),
                  [&](const model::Requirement& r) { return field_requirement_holds(r, node_name); });
  return {fields_match, {}};
}

MatchResult node_selector_matches(const model::NodeSelector& selector, std::string_view node_name,
                                  const StringMap& node_labels) {
  if (!selector.present) {
    return {true, {}};
  }
  std::string errors;
  for (size_t i = 0; i < selector.terms.size(); ++i) {
    MatchResult r = node_selector_term_matches(selector.terms[i], node_name, node_labels);
    if (!r.valid()) {
      append_error(errors, indexed("nodeSelectorTerms", i) + "." + r.error);
      continue;  // an invalid term must not hide a later matching one
    }
    if (r.matched) {
      return {true, {}};
    }
  }
  return {false, std::move(errors)};
}

bool required_node_affinity_matches(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                                    std::string_view node_name, const StringMap& node_labels) {
  if (!selector_map_matches(node_selector, node_labels)) {
    return false;
  }
  if (!affinity) {
    return true;
  }
  return node_selector_matches(affinity->required, node_name, node_labels).matched;
}

int64_t preferred_node_affinity_raw_score(const std::vector<model::PreferredSchedulingTerm>& terms,
                                          const StringMap& node_labels, std::string_view node_name) {
  int64_t score = 0;
  for (const model::PreferredSchedulingTerm& term : terms) {
    if (term.weight == 0 || is_empty_term(term.preference)) {
      continue;
    }
    if (node_selector_term_matches(term.preference, node_name, node_labels).matched) {
      score += term.weight;
    }
  }
  return score;
}

std::string preferred_terms_error(const std::vector<model::PreferredSchedulingTerm>& terms) {
  std::string errors;
  for (size_t i = 0; i < terms.size(); ++i) {
    // Upstream never parses a weight-0 or empty term, so it cannot fail.
    if (terms[i].weight == 0 || is_empty_term(terms[i].preference)) {
      continue;
    }
    MatchResult r = node_selector_term_matches(terms[i].preference, {}, {});
    if (!r.valid()) {
      append_error(errors, "[" + std::to_string(i) + "]." + r.error);
    }
  }
  return errors;
}

void normalize_scores_in_place(std::span<int64_t> raw, bool reverse) {
  int64_t max_raw = 0;  // starts at 0, as upstream: negative scores never raise it
  for (int64_t score : raw) {
    max_raw = std::max(max_raw, score);
  }
  if (max_raw == 0) {
    if (reverse) {
      std::fill(raw.begin(), raw.end(), kMaxNodeScore);
    }
    return;
  }
  for (int64_t& score : raw) {
    score = kMaxNodeScore * score / max_raw;
    if (reverse) {
      score = kMaxNodeScore - score;
    }
  }
}

std::vector<int64_t> normalize_scores(std::vector<int64_t> raw, bool reverse) {
  normalize_scores_in_place(raw, reverse);
  return raw;
}

bool could_match_with_label(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                            std::string_view key, std::string_view value) {
  return could_match(node_selector, affinity, key, &value);
}

bool could_match_without_label(const StringMap& node_selector, const std::optional<model::NodeAffinity>& affinity,
                               std::string_view key) {
  return could_match(node_selector, affinity, key, nullptr);
}

}  // namespace hybridctl::k8s
