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

// Where the workload's manager keeps its affinity: the chart's or EKS
// add-on's values key (charts/), and why there is none or what to check.
struct AffinityValues {
  std::vector<std::string> keys;
  std::string note;
};
AffinityValues affinity_values_of(analysis::Analyses& analyses, const model::Workload& w);

// Adds `compute-type NotIn [hybrid]` as the fix when it is valid (the patched
// template still fits a cloud node), in the manager's form (the values key
// from affinity_values_of); otherwise explains the alternatives.
void add_keep_in_cloud_fix(analysis::Analyses& analyses, const model::Workload& w, Finding& f);

// "35%": a share for messages, rounded to a whole percent.
std::string percent(double share);

// The Services the API server calls itself (webhooks, conversion, APIService
// backends): their clients are not pods behind kube-proxy.
std::set<std::pair<std::string, std::string>> control_plane_called_services(analysis::Analyses& analyses);

// The workloads HN001 reports: a ready endpoint of a control-plane-called
// backend on a hybrid node whose pod network is not routable.
std::set<const model::Workload*> backend_workloads_unreachable_now(RuleContext& ctx);

// The source document's split for metrics: an OpenTelemetryCollector pinned to
// hybrid nodes whose Prometheus scrape configs all keep only hybrid targets.
const model::OpenTelemetryCollector* hybrid_scraping_collector(const model::Snapshot& snapshot);

// "Deployment kube-system/coredns"
std::string describe(const model::ObjectBase& o);

// The top-level workloads (not owned by another workload in the snapshot).
std::vector<const model::Workload*> top_level_workloads(const model::Snapshot& snapshot);

}  // namespace hybridctl::rules
