#include "analysis/service_workloads.h"

#include <algorithm>

#include "analysis/ownership.h"

namespace hybridctl::analysis {
namespace {

const StringMap& template_labels(const model::Workload& w) { return w.tmpl.labels; }

}  // namespace

SelectedWorkloads::SelectedWorkloads(const model::Snapshot& snapshot) : snapshot_(snapshot) {
  for (const model::Workload& w : snapshot.workloads) by_template_label_.add(w.meta.ns, w.tmpl.labels, &w);
}

std::vector<const model::Workload*> SelectedWorkloads::of(const model::Service& service) const {
  std::vector<const model::Workload*> out;
  if (!service.has_selector) return out;
  for (const model::Workload* w : by_template_label_.matching(service.meta.ns, service.selector, template_labels)) {
    const model::Workload* top = top_workload(snapshot_, *w);
    if (std::find(out.begin(), out.end(), top) == out.end()) out.push_back(top);
  }
  return out;
}

std::vector<const model::Workload*> service_workloads(const model::Snapshot& snapshot,
                                                      const SelectedWorkloads& selected, const model::Service& service,
                                                      const std::vector<const model::Pod*>& endpoint_pods) {
  std::vector<const model::Workload*> out;
  auto add = [&out](const model::Workload* w) {
    if (w && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  };
  for (const model::Pod* p : endpoint_pods) add(workload_of_pod(snapshot, *p));
  for (const model::Workload* w : selected.of(service)) add(w);
  return out;
}

}  // namespace hybridctl::analysis
