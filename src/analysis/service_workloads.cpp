#include "analysis/service_workloads.h"

#include <algorithm>

#include "analysis/ownership.h"
#include "k8s/label_selector.h"

namespace hybridctl::analysis {

std::vector<const model::Workload*> workloads_selected_by(const model::Snapshot& snapshot,
                                                          const model::Service& service) {
  std::vector<const model::Workload*> out;
  if (!service.has_selector) return out;
  for (const model::Workload& w : snapshot.workloads) {
    if (w.meta.ns != service.meta.ns || !k8s::selector_map_matches(service.selector, w.tmpl.labels)) continue;
    const model::Workload* top = top_workload(snapshot, w);
    if (std::find(out.begin(), out.end(), top) == out.end()) out.push_back(top);
  }
  return out;
}

std::vector<const model::Workload*> service_workloads(const model::Snapshot& snapshot, const model::Service& service,
                                                      const std::vector<const model::Pod*>& endpoint_pods) {
  std::vector<const model::Workload*> out;
  auto add = [&out](const model::Workload* w) {
    if (w && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  };
  for (const model::Pod* p : endpoint_pods) add(workload_of_pod(snapshot, *p));
  for (const model::Workload* w : workloads_selected_by(snapshot, service)) add(w);
  return out;
}

}  // namespace hybridctl::analysis
