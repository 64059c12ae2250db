// How fixes (and the findings that carry them) name an object and find a
// workload's pod template.
#pragma once

#include <string>

#include "model/workloads.h"

namespace hybridctl::fix {

// JSON pointer of a workload's PodSpec (CronJobs nest it under jobTemplate).
std::string pod_spec_path(const model::Workload& w);

// "Deployment kube-system/coredns"
std::string describe(const model::ObjectBase& o);

}  // namespace hybridctl::fix
