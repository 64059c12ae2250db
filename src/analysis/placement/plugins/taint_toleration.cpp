// TaintToleration (plugins/tainttoleration): untolerated NoSchedule/NoExecute
// taints filter; untolerated PreferNoSchedule taints score, reverse
// normalised (100 - 100 * raw / max; all 100 when no candidate has any).
#include <algorithm>

#include "analysis/placement/plugins/plugins.h"
#include "k8s/node_affinity.h"
#include "k8s/taints.h"

namespace hybridctl::analysis::placement {
bool taint_toleration_filter(const model::PodSpec& spec, const model::Node& n) {
  return k8s::first_untolerated_filtering_taint(spec.tolerations, n.taints) == nullptr;
}

namespace {

class TaintToleration final : public Plugin {
 public:
  using Plugin::Plugin;
  std::string_view name() const override { return "TaintToleration"; }
  bool has_static_filter() const override { return true; }
  bool static_filter(const PodTemplateInfo& t, const model::Node& n) const override {
    return taint_toleration_filter(t.spec, n);
  }

  void prepare(TemplateId id) override {
    if (raw_.size() <= static_cast<size_t>(id)) raw_.resize(id + 1);
  }

  int64_t score_weight() const override { return 3; }
  ScoreStatus score(TemplateId id, const std::vector<NodeId>& candidates, std::vector<int64_t>& out) override {
    const PodTemplateInfo& t = state_.templates.at(id);
    std::vector<int64_t>& raw_by_slot = raw_[id];
    if (raw_by_slot.empty()) {
      raw_by_slot.assign(static_slot_count(state_, t), -1);
      if (!t.statics_per_node) {
        // Few classes: answer them all now, and know whether any candidate can score below 100.
        int64_t any = 0;
        for (ClassId k = 0; k < static_cast<ClassId>(raw_by_slot.size()); ++k) {
          raw_by_slot[k] = k8s::intolerable_prefer_no_schedule_count(t.spec.tolerations,
                                                                     state_.nodes.classes()[k].representative->taints);
          any = std::max(any, raw_by_slot[k]);
        }
        if (uniform_.size() <= static_cast<size_t>(id)) uniform_.resize(id + 1, 0);
        uniform_[id] = any == 0;
      }
    }
    if (static_cast<size_t>(id) < uniform_.size() && uniform_[id]) {
      std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(candidates.size()), kMaxNodeScore);
      return ScoreStatus::Uniform;
    }
    int64_t max_raw = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      int64_t& raw = raw_by_slot[static_slot(state_, t, candidates[i])];
      if (raw < 0)
        raw = k8s::intolerable_prefer_no_schedule_count(t.spec.tolerations, state_.nodes.node(candidates[i]).taints);
      out[i] = raw;
      max_raw = std::max(max_raw, raw);
    }
    k8s::normalize_scores_in_place(std::span<int64_t>(out.data(), candidates.size()), /*reverse=*/true);
    return max_raw == 0 ? ScoreStatus::Uniform : ScoreStatus::Scored;  // all 100 when no candidate has a taint
  }

 private:
  std::vector<std::vector<int64_t>> raw_;  // per template, per static slot; -1: not computed yet
  std::vector<uint8_t> uniform_;           // per template: no node class has an untolerated PreferNoSchedule taint
};

}  // namespace

std::unique_ptr<Plugin> make_taint_toleration(SchedulingState& s) { return std::make_unique<TaintToleration>(s); }

}  // namespace hybridctl::analysis::placement
