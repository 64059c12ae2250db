// Helpers every rule uses to build findings and their fixes.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fix/object_names.h"
#include "rules/rule.h"

namespace hybridctl::rules {

// A finding about `object`, with its origin and manager filled in.
Finding make_finding(const RuleInfo& rule, Severity severity, const model::ObjectBase& object, std::string message);

// JSON pointer of a workload's PodSpec; "Deployment kube-system/coredns" (fix/object_names).
using fix::describe;
using fix::pod_spec_path;

// Gives `f` the fix of fix::keep_in_cloud_fix: `compute-type NotIn [hybrid]`
// when every replica still places, in the manager's form; otherwise the
// network advice.
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

// The zones of the cloud nodes (nodes without a zone label add none).
std::set<std::string_view> cloud_zones(const model::Snapshot& snapshot);

// The zone a hybrid node without one should be labelled with (HN006's fix):
// the one the other hybrid nodes use most that is no cloud node's zone;
// `onprem`, the document's example, when none has one.
std::string suggested_hybrid_zone(const model::Snapshot& snapshot);

// The top-level workloads (not owned by another workload in the snapshot).
std::vector<const model::Workload*> top_level_workloads(const model::Snapshot& snapshot);

}  // namespace hybridctl::rules
