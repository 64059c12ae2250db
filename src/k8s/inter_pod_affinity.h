// Inter-pod (anti-)affinity term matching as kube-scheduler's framework
// defines it (pkg/scheduler/framework/types.go AffinityTerm.Matches, and the
// API server's merge of matchLabelKeys / mismatchLabelKeys into the
// selector): which pods a PodAffinityTerm owned by one pod selects.
#pragma once

#include <string_view>

#include "core/string_map.h"
#include "model/scheduling.h"

namespace hybridctl::k8s {

// The namespaces a term applies to: `namespaces` listed, else the owner's own
// namespace when namespaceSelector is nil; a namespaceSelector (`{}` = every
// namespace) widens the set. `namespace_labels` may be null (namespace not in
// the input): it is then treated as carrying only kubernetes.io/metadata.name,
// the label the API server puts on every namespace.
bool affinity_term_selects_namespace(const model::PodAffinityTerm& term, std::string_view owner_namespace,
                                     std::string_view pod_namespace, const StringMap* namespace_labels);

// The term's label selector with matchLabelKeys (key In [owner's value]) and
// mismatchLabelKeys (key NotIn [owner's value]) folded in, as the API server
// does when the owning pod is created. Keys the owner lacks are ignored.
model::LabelSelector effective_affinity_selector(const model::PodAffinityTerm& term, const StringMap& owner_labels);

// AffinityTerm.Matches: the pod's namespace is selected and the (effective)
// label selector matches its labels. A nil selector matches nothing.
bool affinity_term_matches(const model::PodAffinityTerm& term, std::string_view owner_namespace,
                           const StringMap& owner_labels, std::string_view pod_namespace, const StringMap& pod_labels,
                           const StringMap* namespace_labels);

}  // namespace hybridctl::k8s
