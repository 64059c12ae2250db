#include "analysis/placement/scheduler.h"

#include <algorithm>

#include "analysis/placement/plugins/plugins.h"

namespace hybridctl::analysis::placement {

Scheduler::Scheduler(SchedulingState& state) : state_(state), plugins_(default_plugins(state)), groups_(state.nodes) {
  set_up();
}

Scheduler::Scheduler(SchedulingState& state, const NodeGroups& fresh_groups)
    : state_(state), plugins_(default_plugins(state)), groups_(state.nodes, fresh_groups) {
  set_up();
}

void Scheduler::set_up() {
  for (auto& p : plugins_) {
    if (p->has_static_filter()) static_filters_.push_back(p.get());
    if (p->has_dynamic_filter()) dynamic_filters_.push_back(p.get());
    if (p->score_weight() > 0) scorers_.push_back(p.get());
  }
  multiplicity_of_node_.assign(state_.nodes.size(), 0);
  is_special_.assign(state_.nodes.size(), 0);
}

Scheduler::~Scheduler() = default;

void Scheduler::prepare(TemplateId t, bool scheduled) {
  for (auto& p : plugins_) {
    if (scheduled || p->prepares_bound_only_templates()) p->prepare(t);
  }
  if (static_pass_.size() <= static_cast<size_t>(t)) static_pass_.resize(t + 1);
}

bool Scheduler::passes_static_filters(TemplateId t, NodeId n) {
  const PodTemplateInfo& info = state_.templates.at(t);
  std::vector<int8_t>& pass = static_pass_[t];
  if (pass.empty()) pass.assign(static_slot_count(state_, info), -1);
  int8_t& p = pass[static_slot(state_, info, n)];
  if (p < 0) {
    p = 1;
    for (Plugin* f : static_filters_) {
      if (!f->static_filter(info, state_.nodes.node(n))) {
        p = 0;
        break;
      }
    }
  }
  return p == 1;
}

bool Scheduler::allowed(TemplateId t, NodeId n, const NodeRestriction& r) {
  if (r.only_environment && state_.nodes.node(n).environment() != *r.only_environment) return false;
  return passes_static_filters(t, n);
}

void Scheduler::feasible(TemplateId t, const NodeRestriction& r, std::vector<NodeId>& out) {
  out.clear();
  if (r.only_node >= 0) {
    if (passes_static_filters(t, r.only_node)) out.push_back(r.only_node);
  } else {
    if (cached_template_ != t) {
      cached_template_ = t;
      cached_static_nodes_.clear();
      for (NodeId n = 0; n < static_cast<NodeId>(state_.nodes.size()); ++n) {
        if (passes_static_filters(t, n)) cached_static_nodes_.push_back(n);
      }
    }
    if (r.only_environment) {
      for (NodeId n : cached_static_nodes_) {
        if (state_.nodes.node(n).environment() == *r.only_environment) out.push_back(n);
      }
    } else {
      out = cached_static_nodes_;
    }
  }
  for (Plugin* f : dynamic_filters_) {
    if (out.empty()) return;
    f->filter(t, out);
  }
}

// One representative per group of interchangeable nodes whose class passes
// the static filters, standing for its members; plus every node a plugin
// singles out for this pod, standing for itself.
void Scheduler::grouped_candidates(TemplateId t, const NodeRestriction& r) {
  specials_.clear();
  for (auto& p : plugins_) p->special_nodes(t, specials_);
  std::sort(specials_.begin(), specials_.end());
  specials_.erase(std::unique(specials_.begin(), specials_.end()), specials_.end());
  if (specials_in_group_.size() < state_.nodes.size() * 2 + 16) specials_in_group_.resize(state_.nodes.size() * 2 + 16);
  for (NodeId s : specials_) {
    is_special_[s] = 1;
    GroupId g = groups_.group_of(s);
    if (static_cast<size_t>(g) >= specials_in_group_.size()) specials_in_group_.resize(g + 1, 0);
    specials_in_group_[g] += 1;
  }
  candidates_.clear();
  for (GroupId g : groups_.nonempty()) {
    const std::vector<NodeId>& members = groups_.members(g);
    const int32_t ordinary = static_cast<int32_t>(members.size()) -
                             (static_cast<size_t>(g) < specials_in_group_.size() ? specials_in_group_[g] : 0);
    if (ordinary <= 0 || !allowed(t, members[0], r)) continue;
    NodeId rep = -1;
    for (NodeId m : members) {
      if (!is_special_[m]) {
        rep = m;
        break;
      }
    }
    candidates_.push_back(rep);
    multiplicity_of_node_[rep] = ordinary;
  }
  for (NodeId s : specials_) {
    if (!allowed(t, s, r)) continue;
    candidates_.push_back(s);
    multiplicity_of_node_[s] = 1;
  }
  for (NodeId s : specials_) specials_in_group_[groups_.group_of(s)] = 0;
}

NodeId Scheduler::schedule(TemplateId t, const NodeRestriction& r, std::mt19937_64& rng) {
  const bool grouped = r.only_node < 0 && !state_.templates.at(t).statics_per_node;
  if (grouped) {
    grouped_candidates(t, r);
    for (Plugin* f : dynamic_filters_) {
      if (candidates_.empty()) break;
      f->filter(t, candidates_);
    }
  } else {
    feasible(t, r, candidates_);
    for (NodeId n : candidates_) multiplicity_of_node_[n] = 1;
  }
  multiplicity_.clear();
  for (NodeId n : candidates_) multiplicity_.push_back(multiplicity_of_node_[n]);
  NodeId chosen = -1;
  if (!candidates_.empty()) {
    state_.multiplicity = &multiplicity_;
    bool failed = false;
    // Upstream skips scoring when one node is feasible.
    if (candidates_.size() > 1 || multiplicity_[0] > 1) {
      totals_.assign(candidates_.size(), 0);
      scores_.resize(candidates_.size());
      for (Plugin* s : scorers_) {
        ScoreStatus status = s->score(t, candidates_, scores_);
        if (status == ScoreStatus::Error) {
          failed = true;
          break;
        }
        if (status != ScoreStatus::Scored) continue;
        const int64_t w = s->score_weight();
        for (size_t i = 0; i < candidates_.size(); ++i) totals_[i] += w * scores_[i];
      }
    } else {
      totals_.assign(1, 0);
    }
    state_.multiplicity = nullptr;
    if (!failed) chosen = choose(rng);
  }
  // Reset the per-cycle dense marks.
  for (NodeId s : specials_) is_special_[s] = 0;
  for (NodeId n : candidates_) multiplicity_of_node_[n] = 0;
  specials_.clear();
  return chosen;
}

// selectHost: the highest total; every node it stands for is equally likely
// (one draw for the k-th tied node instead of upstream's reservoir: same
// distribution). A group's pick is then a uniform ordinary member.
NodeId Scheduler::choose(std::mt19937_64& rng) {
  int64_t best = totals_[0];
  uint64_t ties = 0;
  for (size_t i = 0; i < candidates_.size(); ++i) {
    if (totals_[i] > best) {
      best = totals_[i];
      ties = static_cast<uint64_t>(multiplicity_[i]);
    } else if (totals_[i] == best) {
      ties += static_cast<uint64_t>(multiplicity_[i]);
    }
  }
  uint64_t pick = ties > 1 ? rng() % ties : 0;
  for (size_t i = 0; i < candidates_.size(); ++i) {
    if (totals_[i] != best) continue;
    const uint64_t m = static_cast<uint64_t>(multiplicity_[i]);
    if (pick >= m) {
      pick -= m;
      continue;
    }
    if (m == 1) return candidates_[i];
    for (NodeId member : groups_.members(groups_.group_of(candidates_[i]))) {
      if (is_special_[member]) continue;
      if (pick-- == 0) return member;
    }
  }
  return candidates_[0];
}

void Scheduler::bind(TemplateId t, NodeId node, bool terminating) {
  PodTemplateInfo& info = state_.templates.at(t);
  state_.nodes.add_pod(node, info.requests);
  groups_.regroup(node);
  state_.counters.on_bind(info, node, terminating);
  info.placed[node] += 1;
  for (auto& p : plugins_) p->on_bind(t, node);
}

void Scheduler::unbind(TemplateId t, NodeId node, bool terminating) {
  PodTemplateInfo& info = state_.templates.at(t);
  state_.nodes.remove_pod(node, info.requests);
  groups_.regroup(node);
  state_.counters.on_unbind(info, node, terminating);
  auto it = info.placed.find(node);
  if (--it->second == 0) info.placed.erase(it);
  for (auto& p : plugins_) p->on_unbind(t, node);
}

}  // namespace hybridctl::analysis::placement
