// NodeResourcesFit (plugins/noderesources/fit.go) with the default
// LeastAllocated scoring strategy (least_allocated.go): a pod fits when the
// node has a free pod slot and room for its declared CPU and memory requests
// (a pod requesting nothing is checked for the slot only); the score is the
// mean over CPU and memory (weights 1, 1) of (allocatable - requested) * 100
// / allocatable, where requested counts unset requests at upstream's
// non-zero defaults.
#include <algorithm>

#include "analysis/placement/plugins/plugins.h"
#include "analysis/placement/resource_cache.h"

namespace hybridctl::analysis::placement {
namespace {

int64_t least_allocated(int64_t requested, int64_t allocatable) {
  if (allocatable == 0 || requested > allocatable) return 0;
  return (allocatable - requested) * kMaxNodeScore / allocatable;
}

// The filter's and the score's answer for one (request shape, node): the
// LeastAllocated score, or -1 when the pod does not fit.
using FitAnswer = int16_t;

class NodeResourcesFit final : public Plugin {
 public:
  explicit NodeResourcesFit(SchedulingState& s) : Plugin(s) { cache_.resize(s.nodes.size()); }
  std::string_view name() const override { return "NodeResourcesFit"; }

  bool has_dynamic_filter() const override { return true; }
  void filter(TemplateId id, std::vector<NodeId>& candidates) override {
    const PodRequests& q = state_.templates.at(id).requests;
    const auto view = cache_.view(cache_.shape_of(id, q));
    size_t kept = 0;
    for (NodeId n : candidates) {
      if (answer(view, n, q) >= 0) candidates[kept++] = n;
    }
    candidates.resize(kept);
  }

  int64_t score_weight() const override { return 1; }
  ScoreStatus score(TemplateId id, const std::vector<NodeId>& candidates, std::vector<int64_t>& out) override {
    const PodRequests& q = state_.templates.at(id).requests;
    const auto view = cache_.view(cache_.shape_of(id, q));
    for (size_t i = 0; i < candidates.size(); ++i) out[i] = std::max<FitAnswer>(0, answer(view, candidates[i], q));
    return ScoreStatus::Scored;
  }

  void on_bind(TemplateId, NodeId n) override { cache_.invalidate(n); }
  void on_unbind(TemplateId, NodeId n) override { cache_.invalidate(n); }

 private:
  FitAnswer answer(const ResourceCache<FitAnswer>::View& view, NodeId n, const PodRequests& q) {
    return view.get(n, [&] {
      const NodeResources& r = state_.nodes.resources(n);
      if (!fits(r, q)) return FitAnswer{-1};
      int64_t cpu = least_allocated(r.nonzero_requested_cpu_milli + q.nonzero_cpu_milli, r.allocatable_cpu_milli);
      int64_t mem =
          least_allocated(r.nonzero_requested_memory_bytes + q.nonzero_memory_bytes, r.allocatable_memory_bytes);
      return static_cast<FitAnswer>((cpu + mem) / 2);
    });
  }

 public:
  static bool fits(const NodeResources& r, const PodRequests& q) {
    if (r.capacity_unknown) return true;
    if (r.pod_count + 1 > r.allocatable_pods) return false;
    if (q.cpu_milli == 0 && q.memory_bytes == 0) return true;
    if (q.cpu_milli > 0 && q.cpu_milli > r.allocatable_cpu_milli - r.requested_cpu_milli) return false;
    if (q.memory_bytes > 0 && q.memory_bytes > r.allocatable_memory_bytes - r.requested_memory_bytes) return false;
    return true;
  }

 private:
  ResourceCache<FitAnswer> cache_;
};

}  // namespace

std::unique_ptr<Plugin> make_node_resources_fit(SchedulingState& s) { return std::make_unique<NodeResourcesFit>(s); }

}  // namespace hybridctl::analysis::placement
