// Helpers every rule uses to build findings and their fixes.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "rules/rule.h"

namespace hybridctl::rules {

// A finding about `object`, with its origin and manager filled in.
Finding make_finding(const RuleInfo& rule, Severity severity, const model::ObjectBase& object, std::string message);

// JSON pointer of a workload's PodSpec (CronJobs nest it under jobTemplate).
std::string pod_spec_path(const model::Workload& w);

// Adds `compute-type NotIn [hybrid]` as the fix when it is valid (the patched
// template still fits a cloud node); otherwise explains the alternatives.
void add_keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w, Finding& f,
                           std::vector<std::string> helm_value_paths = {});

// "35%": a share for messages, rounded to a whole percent.
std::string percent(double share);

// The Services the API server calls itself (webhooks, conversion, APIService
// backends): their clients are not pods behind kube-proxy.
std::set<std::pair<std::string, std::string>> control_plane_called_services(analysis::Analyses& analyses);

// "Deployment kube-system/coredns"
std::string describe(const model::ObjectBase& o);

// The top-level workloads (not owned by another workload in the snapshot).
std::vector<const model::Workload*> top_level_workloads(const model::Snapshot& snapshot);

}  // namespace hybridctl::rules
