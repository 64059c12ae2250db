// NodeAffinity (plugins/nodeaffinity): nodeSelector AND required node
// affinity as a filter; preferred terms as a score, normalised by
// DefaultNormalizeScore (100 * raw / max over the candidates). Both read only
// the node, so raw scores are cached per (template, node class).
#include "k8s/node_affinity.h"

#include "analysis/placement/plugins/plugins.h"

namespace hybridctl::analysis::placement {
using model::node_affinity_of;

bool node_affinity_filter(const model::PodSpec& spec, const model::Node& n) {
  return k8s::required_node_affinity_matches(spec.node_selector, node_affinity_of(spec), n.meta.name, n.meta.labels);
}

namespace {

class NodeAffinity final : public Plugin {
 public:
  using Plugin::Plugin;
  std::string_view name() const override { return "NodeAffinity"; }
  bool has_static_filter() const override { return true; }
  bool static_filter(const PodTemplateInfo& t, const model::Node& n) const override {
    return node_affinity_filter(t.spec, n);
  }

  void prepare(TemplateId id) override {
    if (cache_.size() <= static_cast<size_t>(id)) cache_.resize(id + 1);
    const PodTemplateInfo& t = state_.templates.at(id);
    const auto& affinity = node_affinity_of(t.spec);
    PerTemplate& c = cache_[id];
    if (!affinity || affinity->preferred.empty()) return;
    c.has_preferred = true;
    c.error = !k8s::preferred_terms_error(affinity->preferred).empty();
  }

  int64_t score_weight() const override { return 2; }
  ScoreStatus score(TemplateId id, const std::vector<NodeId>& candidates, std::vector<int64_t>& out) override {
    PerTemplate& c = cache_[id];
    if (!c.has_preferred) return ScoreStatus::Skip;  // PreScore Skip
    if (c.error) return ScoreStatus::Error;          // PreScore fails on an invalid preferred term
    const PodTemplateInfo& t = state_.templates.at(id);
    if (c.raw_by_slot.empty()) {
      c.raw_by_slot.assign(static_slot_count(state_, t), -1);
    }
    int64_t max_raw = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      int64_t& raw = c.raw_by_slot[static_slot(state_, t, candidates[i])];
      if (raw < 0) {
        const model::Node& n = state_.nodes.node(candidates[i]);
        raw = k8s::preferred_node_affinity_raw_score(node_affinity_of(t.spec)->preferred, n.meta.labels, n.meta.name);
      }
      out[i] = raw;
      max_raw = std::max(max_raw, raw);
    }
    if (max_raw == 0) return ScoreStatus::Uniform;  // every node keeps 0
    k8s::normalize_scores_in_place(std::span<int64_t>(out.data(), candidates.size()), /*reverse=*/false);
    return ScoreStatus::Scored;
  }

 private:
  struct PerTemplate {
    bool has_preferred = false;
    bool error = false;
    std::vector<int64_t> raw_by_slot;  // -1: not computed yet
  };
  std::vector<PerTemplate> cache_;
};

}  // namespace

std::unique_ptr<Plugin> make_node_affinity(SchedulingState& s) { return std::make_unique<NodeAffinity>(s); }

}  // namespace hybridctl::analysis::placement
