// InterPodAffinity (plugins/interpodaffinity): the required terms filter in
// both directions — the incoming pod's affinity (with the first-pod-of-a-group
// exception) and anti-affinity, and existing pods' anti-affinity against the
// incoming pod — and preferred terms (plus existing pods' required affinity at
// hardPodAffinityWeight 1) score per topology domain, normalised min-max.
// Counts come from PodCounters; existing pods' terms are reached through the
// counters that select the incoming pod, so a cycle never scans all pods.
#include "k8s/inter_pod_affinity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "analysis/placement/domain_values.h"
#include "analysis/placement/plugins/plugins.h"

namespace hybridctl::analysis::placement {
namespace {

// Upstream's InterPodAffinityArgs.hardPodAffinityWeight default.
constexpr int64_t kHardPodAffinityWeight = 1;

enum class TermKind : uint8_t { RequiredAffinity, RequiredAntiAffinity, PreferredAffinity, PreferredAntiAffinity };

struct CountedTerm {
  CounterId counter;
  KeyId key;
  int64_t weight;  // signed: negative for anti-affinity
};

// A term of some template, found from the counter of pods it selects.
struct OwnedTerm {
  TemplateId owner;
  KeyId key;
  TermKind kind;
  int64_t weight;
};

struct Compiled {
  CounterId affinity_all = -1;  // pods matching every required affinity term
  std::vector<KeyId> affinity_keys;
  bool matches_own_affinity = false;
  std::vector<CountedTerm> anti;
  std::vector<CountedTerm> preferred;
};

class InterPodAffinity final : public Plugin {
 public:
  using Plugin::Plugin;
  std::string_view name() const override { return "InterPodAffinity"; }

  void prepare(TemplateId id) override {
    if (compiled_.size() <= static_cast<size_t>(id)) compiled_.resize(id + 1);
    const PodTemplateInfo& t = state_.templates.at(id);
    if (!t.spec.affinity) return;
    Compiled& c = compiled_[id];
    auto condition = [&](const model::PodAffinityTerm& term) {
      CounterCondition cond{term, t.ns};
      cond.term.label_selector = k8s::effective_affinity_selector(term, t.labels);
      cond.term.match_label_keys.clear();
      cond.term.mismatch_label_keys.clear();
      return cond;
    };
    auto single = [&](const model::PodAffinityTerm& term, TermKind kind, int64_t weight) {
      CounterId counter = state_.counters.intern({condition(term)});
      KeyId key = state_.nodes.key(term.topology_key);
      owned_[counter].push_back({id, key, kind, weight});
      return CountedTerm{counter, key, weight};
    };
    if (const auto& a = t.spec.affinity->pod_affinity) {
      std::vector<CounterCondition> all;
      for (const auto& term : a->required) {
        all.push_back(condition(term));
        c.affinity_keys.push_back(state_.nodes.key(term.topology_key));
        single(term, TermKind::RequiredAffinity, kHardPodAffinityWeight);
      }
      if (!all.empty()) {
        c.affinity_all = state_.counters.intern(std::move(all));
        c.matches_own_affinity = state_.counters.matches(c.affinity_all, t);
      }
      for (const auto& w : a->preferred) {
        if (w.weight == 0) continue;
        c.preferred.push_back(single(w.term, TermKind::PreferredAffinity, w.weight));
      }
    }
    if (const auto& a = t.spec.affinity->pod_anti_affinity) {
      for (const auto& term : a->required) c.anti.push_back(single(term, TermKind::RequiredAntiAffinity, 0));
      for (const auto& w : a->preferred) {
        if (w.weight == 0) continue;
        c.preferred.push_back(single(w.term, TermKind::PreferredAntiAffinity, -int64_t{w.weight}));
      }
    }
  }

  void special_nodes(TemplateId id, std::vector<NodeId>& out) override {
    // Only hostname-keyed terms single nodes out; other keys' domains are the
    // same for a whole node class.
    const KeyId host = state_.nodes.key(model::kHostnameLabel);
    const Compiled& c = compiled_[id];
    auto add_counter = [&](CounterId counter) {
      for (auto [node, count] : state_.counters.at(counter).per_node) out.push_back(node);
    };
    for (const auto* terms : {&c.anti, &c.preferred}) {
      for (const CountedTerm& t : *terms) {
        if (t.key == host) add_counter(t.counter);
      }
    }
    if (c.affinity_all >= 0 &&
        std::find(c.affinity_keys.begin(), c.affinity_keys.end(), host) != c.affinity_keys.end()) {
      add_counter(c.affinity_all);
    }
    for (CounterId counter : state_.counters.matching(state_.templates.at(id))) {
      auto it = owned_.find(counter);
      if (it == owned_.end()) continue;
      for (const OwnedTerm& o : it->second) {
        if (o.key != host) continue;
        for (auto [node, count] : state_.templates.at(o.owner).placed) out.push_back(node);
      }
    }
  }

  bool has_dynamic_filter() const override { return true; }
  void filter(TemplateId id, std::vector<NodeId>& candidates) override {
    const Compiled& c = compiled_[id];
    const NodeTable& nodes = state_.nodes;
    // Domains that existing pods' or the pod's own anti-affinity rule out.
    forbidden_.reset();
    for (const CountedTerm& term : c.anti) {
      for (auto [node, count] : state_.counters.at(term.counter).per_node) {
        DomainId d = nodes.domain(term.key, node);
        if (d != kNoDomain && count > 0) forbidden_.add(nodes, term.key, d, count);
      }
    }
    for (CounterId counter : state_.counters.matching(state_.templates.at(id))) {
      auto it = owned_.find(counter);
      if (it == owned_.end()) continue;
      for (const OwnedTerm& o : it->second) {
        if (o.kind != TermKind::RequiredAntiAffinity) continue;
        for (auto [node, count] : state_.templates.at(o.owner).placed) {
          DomainId d = nodes.domain(o.key, node);
          if (d != kNoDomain && count > 0) forbidden_.add(nodes, o.key, d, count);
        }
      }
    }
    // Domains that hold a pod matching every required affinity term.
    required_.reset();
    bool first_of_group = false;
    if (c.affinity_all >= 0) {
      for (auto [node, count] : state_.counters.at(c.affinity_all).per_node) {
        for (KeyId key : c.affinity_keys) {
          DomainId d = nodes.domain(key, node);
          if (d != kNoDomain && count > 0) required_.add(nodes, key, d, count);
        }
      }
      if (required_.empty()) {
        if (!c.matches_own_affinity) {
          candidates.clear();  // nothing to be near, and the pod cannot start the group
          return;
        }
        first_of_group = true;  // may start the group on any node carrying every key
      }
    }
    if (c.affinity_all < 0 && forbidden_.empty()) return;

    size_t kept = 0;
    for (NodeId n : candidates) {
      if (passes(n, c, first_of_group)) candidates[kept++] = n;
    }
    candidates.resize(kept);
  }

  int64_t score_weight() const override { return 2; }
  ScoreStatus score(TemplateId id, const std::vector<NodeId>& candidates, std::vector<int64_t>& out) override {
    const Compiled& c = compiled_[id];
    const NodeTable& nodes = state_.nodes;
    topology_score_.reset();
    // The incoming pod's preferred terms, against existing pods.
    for (const CountedTerm& term : c.preferred) {
      const PodCounter& counter = state_.counters.at(term.counter);
      if (counter.total == 0) continue;
      for (auto [node, count] : counter.per_node) {
        DomainId d = nodes.domain(term.key, node);
        if (d != kNoDomain) topology_score_.add(nodes, term.key, d, term.weight * count);
      }
    }
    // Existing pods' terms that select the incoming pod.
    for (CounterId counter : state_.counters.matching(state_.templates.at(id))) {
      auto it = owned_.find(counter);
      if (it == owned_.end()) continue;
      for (const OwnedTerm& o : it->second) {
        if (o.kind == TermKind::RequiredAntiAffinity) continue;  // a filter only
        for (auto [node, count] : state_.templates.at(o.owner).placed) {
          DomainId d = nodes.domain(o.key, node);
          if (d != kNoDomain) topology_score_.add(nodes, o.key, d, o.weight * count);
        }
      }
    }
    if (topology_score_.empty()) return ScoreStatus::Skip;
    const std::vector<KeyId>& keys = topology_score_.keys();
    int64_t lo = std::numeric_limits<int64_t>::max(), hi = std::numeric_limits<int64_t>::min();
    for (size_t i = 0; i < candidates.size(); ++i) {
      int64_t raw = 0;
      for (KeyId key : keys) {
        DomainId d = nodes.domain(key, candidates[i]);
        if (d != kNoDomain) raw += topology_score_.of(nodes, key)[d];
      }
      out[i] = raw;
      lo = std::min(lo, raw);
      hi = std::max(hi, raw);
    }
    if (candidates.empty() || hi == lo) {  // all 0
      std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(candidates.size()), 0);
      return ScoreStatus::Uniform;
    }
    const double span = static_cast<double>(hi - lo);
    for (size_t i = 0; i < candidates.size(); ++i) {
      out[i] = static_cast<int64_t>(static_cast<double>(kMaxNodeScore) * static_cast<double>(out[i] - lo) / span);
    }
    return ScoreStatus::Scored;
  }

 private:
  bool passes(NodeId n, const Compiled& c, bool first_of_group) {
    const NodeTable& nodes = state_.nodes;
    for (KeyId key : c.affinity_keys) {
      DomainId d = nodes.domain(key, n);
      if (d == kNoDomain) return false;  // a node missing a topology key never satisfies affinity
      if (!first_of_group && required_.of(nodes, key)[d] == 0) return false;
    }
    for (KeyId key : forbidden_.keys()) {
      DomainId d = nodes.domain(key, n);
      if (d != kNoDomain && forbidden_.of(nodes, key)[d] > 0) return false;
    }
    return true;
  }

  std::vector<Compiled> compiled_;
  std::unordered_map<CounterId, std::vector<OwnedTerm>> owned_;
  DomainValues forbidden_, required_, topology_score_;
};

}  // namespace

std::unique_ptr<Plugin> make_inter_pod_affinity(SchedulingState& s) { return std::make_unique<InterPodAffinity>(s); }

}  // namespace hybridctl::analysis::placement
