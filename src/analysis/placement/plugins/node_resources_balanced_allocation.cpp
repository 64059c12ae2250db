// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go):
// favours nodes whose CPU and memory fractions (declared requests of the
// node's pods plus this pod, over allocatable, capped at 1) are close:
// score = int((1 - |cpu - mem| / 2) * 100). A resource with no allocatable
// is left out (one fraction left: std 0). Best-effort pods (no requests) are
// skipped, as upstream does since kubernetes#129138.
#include <cmath>

#include "analysis/placement/plugins/plugins.h"
#include "analysis/placement/resource_cache.h"

namespace hybridctl::analysis::placement {
namespace {

class BalancedAllocation final : public Plugin {
 public:
  explicit BalancedAllocation(SchedulingState& s) : Plugin(s) { cache_.resize(s.nodes.size()); }
  std::string_view name() const override { return "NodeResourcesBalancedAllocation"; }
  int64_t score_weight() const override { return 1; }

  ScoreStatus score(TemplateId id, const std::vector<NodeId>& candidates, std::vector<int64_t>& out) override {
    const PodRequests& q = state_.templates.at(id).requests;
    if (q.cpu_milli == 0 && q.memory_bytes == 0) return ScoreStatus::Skip;
    const auto view = cache_.view(cache_.shape_of(id, q));
    for (size_t i = 0; i < candidates.size(); ++i) {
      const NodeId n = candidates[i];
      out[i] = view.get(n, [&] {
        const NodeResources& r = state_.nodes.resources(n);
        return static_cast<int16_t>(balanced_score(r.requested_cpu_milli + q.cpu_milli, r.allocatable_cpu_milli,
                                                   r.requested_memory_bytes + q.memory_bytes,
                                                   r.allocatable_memory_bytes));
      });
    }
    return ScoreStatus::Scored;
  }

  void on_bind(TemplateId, NodeId n) override { cache_.invalidate(n); }
  void on_unbind(TemplateId, NodeId n) override { cache_.invalidate(n); }

  static int64_t balanced_score(int64_t cpu, int64_t cpu_alloc, int64_t mem, int64_t mem_alloc) {
    double fractions[2];
    int count = 0;
    if (cpu_alloc != 0) fractions[count++] = std::min(1.0, static_cast<double>(cpu) / static_cast<double>(cpu_alloc));
    if (mem_alloc != 0) fractions[count++] = std::min(1.0, static_cast<double>(mem) / static_cast<double>(mem_alloc));
    double std_dev = count == 2 ? std::fabs((fractions[0] - fractions[1]) / 2) : 0.0;
    return static_cast<int64_t>((1 - std_dev) * static_cast<double>(kMaxNodeScore));
  }

 private:
  ResourceCache<int16_t> cache_;
};

}  // namespace

std::unique_ptr<Plugin> make_node_resources_balanced_allocation(SchedulingState& s) {
  return std::make_unique<BalancedAllocation>(s);
}

}  // namespace hybridctl::analysis::placement
