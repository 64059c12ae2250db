#include "k8s/inter_pod_affinity.h"

#include <algorithm>

#include "k8s/label_selector.h"

namespace hybridctl::k8s {

bool affinity_term_selects_namespace(const model::PodAffinityTerm& term, std::string_view owner_namespace,
                                     std::string_view pod_namespace, const StringMap* namespace_labels) {
  // An explicit list, or the owner's namespace only when both fields are unset.
  if (!term.namespaces.empty()) {
    if (std::find(term.namespaces.begin(), term.namespaces.end(), pod_namespace) != term.namespaces.end()) {
      return true;
    }
  } else if (!term.namespace_selector.present && pod_namespace == owner_namespace) {
    return true;
  }
  if (!term.namespace_selector.present) return false;
  if (namespace_labels) return label_selector_matches(term.namespace_selector, *namespace_labels).matched;
  StringMap implicit{{"kubernetes.io/metadata.name", std::string(pod_namespace)}};
  return label_selector_matches(term.namespace_selector, implicit).matched;
}

model::LabelSelector effective_affinity_selector(const model::PodAffinityTerm& term, const StringMap& owner_labels) {
  model::LabelSelector selector = term.label_selector;
  if (!selector.present) return selector;  // upstream merges keys only into a non-nil selector
  for (const std::string& key : term.match_label_keys) {
    if (const std::string* v = owner_labels.find(key)) selector.match_expressions.push_back({key, "In", {*v}});
  }
  for (const std::string& key : term.mismatch_label_keys) {
    if (const std::string* v = owner_labels.find(key)) selector.match_expressions.push_back({key, "NotIn", {*v}});
  }
  return selector;
}

bool affinity_term_matches(const model::PodAffinityTerm& term, std::string_view owner_namespace,
                           const StringMap& owner_labels, std::string_view pod_namespace, const StringMap& pod_labels,
                           const StringMap* namespace_labels) {
  if (!affinity_term_selects_namespace(term, owner_namespace, pod_namespace, namespace_labels)) return false;
  if (term.match_label_keys.empty() && term.mismatch_label_keys.empty()) {
    return label_selector_matches(term.label_selector, pod_labels).matched;
  }
  return label_selector_matches(effective_affinity_selector(term, owner_labels), pod_labels).matched;
}

}  // namespace hybridctl::k8s
