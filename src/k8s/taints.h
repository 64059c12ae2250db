// Taints and tolerations as kube-scheduler's TaintToleration plugin sees them
// (core/v1 Toleration.ToleratesTaint, plugins/tainttoleration): a Filter that
// only NoSchedule/NoExecute taints can fail, and a Score that counts the
// PreferNoSchedule taints a pod does not tolerate.
#pragma once

#include <cstdint>
#include <vector>

#include "model/scheduling.h"

namespace hybridctl::k8s {

// Toleration.ToleratesTaint: effect empty or equal, key empty or equal, then
// by operator: ""/Equal => values equal; Exists => any value; Lt/Gt => both
// values are canonical decimal int64s and taint < toleration (Lt) or
// taint > toleration (Gt); anything else => false. Lt/Gt are taken as enabled
// (feature gate TaintTolerationComparisonOperators, alpha in 1.35).
bool toleration_tolerates_taint(const model::Toleration& toleration, const model::Taint& taint);

// TaintToleration Filter: the first NoSchedule/NoExecute taint that no
// toleration tolerates, or nullptr when the node fits. PreferNoSchedule never
// filters.
const model::Taint* first_untolerated_filtering_taint(const std::vector<model::Toleration>& tolerations,
                                                      const std::vector<model::Taint>& taints);

// TaintToleration Score (raw): how many PreferNoSchedule taints are not
// tolerated by the tolerations whose effect is empty or PreferNoSchedule.
// Normalise with normalize_scores(raw, /*reverse=*/true).
int64_t intolerable_prefer_no_schedule_count(const std::vector<model::Toleration>& tolerations,
                                             const std::vector<model::Taint>& taints);

}  // namespace hybridctl::k8s
