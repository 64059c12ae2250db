// PodTopologySpread (plugins/podtopologyspread): DoNotSchedule constraints
// filter (skew = matching pods in the node's domain + self - global minimum
// over eligible domains, minDomains honoured); ScheduleAnyway constraints, or
// the system defaults (hostname maxSkew 3, zone maxSkew 5, selector from the
// Services and the ReplicaSet/StatefulSet/ReplicationController owning the
// pod) when the pod has none, score each node by
// round(sum(count * log(domains + 2) + maxSkew - 1)), normalised as
// 100 * (max + min - s) / max. Node inclusion policies: nodeAffinityPolicy
// Honor (default) counts only nodes matching the pod's nodeSelector and
// required node affinity; nodeTaintsPolicy Honor (default Ignore) only nodes
// whose taints it tolerates. Pods being deleted are not counted.
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>

#include "analysis/placement/domain_values.h"
#include "analysis/placement/plugins/plugins.h"
#include "analysis/placement/services_by_selector.h"
#include "k8s/label_selector.h"
#include "k8s/node_affinity.h"
#include "k8s/taints.h"

namespace hybridctl::analysis::placement {
namespace {

struct Constraint {
  KeyId key;
  bool hostname;
  int32_t max_skew;
  std::optional<int32_t> min_domains;
  CounterId counter;
  bool self_match;
  bool honor_node_affinity;
  bool honor_taints;
};

struct Compiled {
  std::vector<Constraint> hard, soft;
  bool system_defaulted = false;                               // soft holds the system defaults
  std::vector<int8_t> affinity_ok_by_slot, taints_ok_by_slot;  // -1: not computed
  std::vector<std::vector<DomainId>> hard_domains;             // eligible domains per hard constraint
  bool hard_domains_known = false;
};

// helper.DefaultSelector: Services selecting the pod (their selectors merged),
// plus the selector of the controller owning it.
model::LabelSelector default_selector(const ServicesBySelectorPair& services, const PodTemplateInfo& t) {
  model::LabelSelector s;
  s.present = true;
  services.for_each_selecting(t.ns, t.labels, [&](const model::Service& svc) {
    for (const auto& [k, v] : svc.selector) s.match_labels.set(k, v);
  });
  if (t.workload) {
    using model::WorkloadKind;
    WorkloadKind k = t.workload->workload_kind;
    // Deployment pods are owned by its ReplicaSet, whose selector is the Deployment's.
    if (k == WorkloadKind::Deployment || k == WorkloadKind::ReplicaSet || k == WorkloadKind::StatefulSet ||
        k == WorkloadKind::ReplicationController) {
      for (const auto& [key, v] : t.workload->selector.match_labels) s.match_labels.set(key, v);
      for (const auto& r : t.workload->selector.match_expressions) s.match_expressions.push_back(r);
    }
  }
  return s;
}

class PodTopologySpread final : public Plugin {
 public:
  using Plugin::Plugin;
  std::string_view name() const override { return "PodTopologySpread"; }

  // A pod's spread constraints only weigh on where that pod goes.
  bool prepares_bound_only_templates() const override { return false; }

  void prepare(TemplateId id) override {
    if (compiled_.size() <= static_cast<size_t>(id)) compiled_.resize(id + 1);
    const PodTemplateInfo& t = state_.templates.at(id);
    Compiled& c = compiled_[id];
    auto make = [&](const model::TopologySpreadConstraint& tsc, model::LabelSelector selector) {
      // matchLabelKeys: the pod's own values are ANDed into the selector.
      for (const std::string& key : tsc.match_label_keys) {
        if (const std::string* v = t.labels.find(key)) selector.match_expressions.push_back({key, "In", {*v}});
      }
      CounterCondition cond;
      cond.term.label_selector = selector;
      cond.term.namespaces = {t.ns};
      cond.owner_namespace = t.ns;
      Constraint out;
      out.key = state_.nodes.key(tsc.topology_key);
      out.hostname = tsc.topology_key == model::kHostnameLabel;
      out.max_skew = tsc.max_skew;
      out.min_domains = tsc.min_domains;
      out.counter = state_.counters.intern({cond}, /*counts_terminating=*/false);
      out.self_match = k8s::label_selector_matches(selector, t.labels).matched;
      out.honor_node_affinity = tsc.node_affinity_policy != "Ignore";
      out.honor_taints = tsc.node_taints_policy == "Honor";
      return out;
    };
    for (const auto& tsc : t.spec.topology_spread) {
      (tsc.when_unsatisfiable == "ScheduleAnyway" ? c.soft : c.hard).push_back(make(tsc, tsc.label_selector));
    }
    if (!t.spec.topology_spread.empty()) return;
    // The caller's index when it places the same snapshot many times (one fix check per workload).
    if (!state_.services && !services_) services_.emplace(state_.snapshot);
    model::LabelSelector selector = default_selector(state_.services ? *state_.services : *services_, t);
    if (selector.match_labels.empty() && selector.match_expressions.empty()) return;  // nothing to spread against
    c.system_defaulted = true;
    model::TopologySpreadConstraint host{3, model::kHostnameLabel, "ScheduleAnyway", {}, std::nullopt, "", "", {}};
    model::TopologySpreadConstraint zone{5, model::kZoneLabel, "ScheduleAnyway", {}, std::nullopt, "", "", {}};
    c.soft.push_back(make(host, selector));
    c.soft.push_back(make(zone, selector));
  }

  void special_nodes(TemplateId id, std::vector<NodeId>& out) override {
    const Compiled& c = compiled_[id];
    for (const auto* list : {&c.hard, &c.soft}) {
      for (const Constraint& k : *list) {
        if (!k.hostname) continue;  // other keys' domains are the same for a whole node class
        for (auto [node, count] : state_.counters.at(k.counter).per_node) out.push_back(node);
      }
    }
  }

  bool has_dynamic_filter() const override { return true; }
  void filter(TemplateId id, std::vector<NodeId>& candidates) override {
    Compiled& c = compiled_[id];
    if (c.hard.empty()) return;
    const NodeTable& nodes = state_.nodes;
    if (!c.hard_domains_known) collect_hard_domains(id, c);
    if (counts_.size() < c.hard.size()) counts_.resize(c.hard.size());
    std::vector<int64_t> global_min(c.hard.size());
    for (size_t i = 0; i < c.hard.size(); ++i) {
      const Constraint& k = c.hard[i];
      counts_[i].reset();
      for (auto [node, count] : state_.counters.at(k.counter).per_node) {
        if (count > 0 && eligible(id, c, c.hard, k, node)) {
          counts_[i].add(nodes, k.key, nodes.domain(k.key, node), count);
        }
      }
      const int64_t* per_domain = counts_[i].of(nodes, k.key);
      int64_t lo = std::numeric_limits<int64_t>::max();
      for (DomainId d : c.hard_domains[i]) lo = std::min(lo, per_domain[d]);
      if (c.hard_domains[i].empty()) lo = 0;
      if (k.min_domains && static_cast<int64_t>(c.hard_domains[i].size()) < *k.min_domains) lo = 0;
      global_min[i] = lo;
    }
    size_t kept = 0;
    for (NodeId n : candidates) {
      bool ok = true;
      for (size_t i = 0; i < c.hard.size() && ok; ++i) {
        const Constraint& k = c.hard[i];
        DomainId d = nodes.domain(k.key, n);
        if (d == kNoDomain) {
          ok = false;
          break;
        }
        int64_t skew = counts_[i].of(nodes, k.key)[d] + (k.self_match ? 1 : 0) - global_min[i];
        ok = skew <= k.max_skew;
      }
      if (ok) candidates[kept++] = n;
    }
    candidates.resize(kept);
  }

  int64_t score_weight() const override { return 2; }
  ScoreStatus score(TemplateId id, const std::vector<NodeId>& candidates, std::vector<int64_t>& out) override {
    Compiled& c = compiled_[id];
    if (c.soft.empty()) return ScoreStatus::Skip;
    const NodeTable& nodes = state_.nodes;
    const bool require_all = !c.system_defaulted;
    const size_t nc = c.soft.size();
    columns_.assign(nc, nullptr);
    for (size_t j = 0; j < nc; ++j) columns_[j] = nodes.domains_of(c.soft[j].key);

    // Nodes lacking a key are ignored (with the pod's own constraints only);
    // domain sizes count the distinct values among the scored candidates.
    ignored_.assign(candidates.size(), 0);
    size_t scored = 0;
    if (seen_.size() < nc) seen_.resize(nc);
    std::vector<size_t> distinct(nc, 0);
    for (size_t j = 0; j < nc; ++j) {
      if (!c.soft[j].hostname) seen_[j].assign(nodes.domain_count(c.soft[j].key), 0);
    }
    for (size_t i = 0; i < candidates.size(); ++i) {
      const NodeId n = candidates[i];
      if (require_all && !has_all_keys(c.soft, n)) {
        ignored_[i] = 1;
        continue;
      }
      scored += static_cast<size_t>(state_.multiplicity_of(i));  // a candidate may stand for several nodes
    }
    for (size_t j = 0; j < nc; ++j) {
      if (c.soft[j].hostname) continue;
      const DomainId* col = columns_[j];
      uint8_t* seen = seen_[j].data();
      size_t count = 0;
      for (size_t i = 0; i < candidates.size(); ++i) {
        const DomainId d = col[candidates[i]];
        if (ignored_[i] || d == kNoDomain || seen[d]) continue;
        seen[d] = 1;
        ++count;
      }
      distinct[j] = count;
    }
    // Per constraint: its weight, and for domain keys the score each domain
    // contributes, from the matching pods on nodes the inclusion policies admit.
    if (domain_part_.size() < nc) domain_part_.resize(nc);
    weights_.assign(nc, 0.0);
    for (size_t j = 0; j < nc; ++j) {
      const Constraint& k = c.soft[j];
      weights_[j] = std::log(static_cast<double>((k.hostname ? scored : distinct[j]) + 2));
      if (k.hostname) continue;
      // Upstream's scoreForCount: the domain's whole count times the weight,
      // plus maxSkew - 1. Counting first keeps the floating-point result
      // independent of the order the per-node counts are visited in.
      domain_counts_.assign(nodes.domain_count(k.key), 0);
      for (auto [node, count] : state_.counters.at(k.counter).per_node) {
        if (count <= 0) continue;
        if (require_all && !has_all_keys(c.soft, node)) continue;
        if (!included(id, c, k, node)) continue;
        const DomainId d = columns_[j][node];
        if (d != kNoDomain) domain_counts_[d] += count;
      }
      std::vector<double>& part = domain_part_[j];
      part.resize(domain_counts_.size());
      for (size_t d = 0; d < domain_counts_.size(); ++d) {
        part[d] = static_cast<double>(domain_counts_[d]) * weights_[j] + static_cast<double>(k.max_skew - 1);
      }
    }
    // Per-node counts for hostname constraints, spread into a dense scratch.
    if (host_counts_.size() < nodes.size()) host_counts_.assign(nodes.size(), 0);
    for (const Constraint& k : c.soft) {
      if (!k.hostname) continue;
      for (auto [node, count] : state_.counters.at(k.counter).per_node) host_counts_[node] = count;
      break;  // one hostname constraint per pod in practice; others fall back below
    }
    const Constraint* first_host = nullptr;
    for (const Constraint& k : c.soft) {
      if (k.hostname) {
        first_host = &k;
        break;
      }
    }

    // Flattened per-kind views of the constraints, so the candidate loop only
    // reads arrays.
    struct DomainTerm {
      const DomainId* col;
      const double* part;
    };
    struct HostTerm {
      const DomainId* col;
      const int32_t* dense;  // counts by node, or null: look up the counter
      const std::unordered_map<NodeId, int32_t>* per_node;
      double weight, constant;
    };
    std::vector<DomainTerm> domain_terms;
    std::vector<HostTerm> host_terms;
    for (size_t j = 0; j < nc; ++j) {
      const Constraint& k = c.soft[j];
      if (!k.hostname) {
        domain_terms.push_back({columns_[j], domain_part_[j].data()});
      } else {
        host_terms.push_back({columns_[j], &k == first_host ? host_counts_.data() : nullptr,
                              &state_.counters.at(k.counter).per_node, weights_[j],
                              static_cast<double>(k.max_skew - 1)});
      }
    }
    int64_t lo = std::numeric_limits<int64_t>::max(), hi = 0;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (ignored_[i]) continue;
      const NodeId n = candidates[i];
      double s = 0;
      for (const DomainTerm& t : domain_terms) {
        const DomainId d = t.col[n];
        if (d != kNoDomain) s += t.part[d];
      }
      for (const HostTerm& t : host_terms) {
        if (t.col[n] == kNoDomain) continue;
        int64_t count;
        if (t.dense) {
          count = t.dense[n];
        } else {
          auto it = t.per_node->find(n);
          count = it == t.per_node->end() ? 0 : it->second;
        }
        s += static_cast<double>(count) * t.weight + t.constant;
      }
      // Upstream's math.Round: halves away from zero, as std::llround.
      out[i] = std::llround(s);
      lo = std::min(lo, out[i]);
      hi = std::max(hi, out[i]);
    }
    if (first_host) {
      for (auto [node, count] : state_.counters.at(first_host->counter).per_node) host_counts_[node] = 0;
    }
    // NormalizeScore: 100 * (max + min - s) / max, through a table when the
    // raw scores span a small range (they usually span a handful of values).
    const bool table = hi > 0 && lo <= hi && hi - lo <= 4096;
    if (table) {
      normalized_.resize(static_cast<size_t>(hi - lo + 1));
      for (int64_t x = lo; x <= hi; ++x) normalized_[x - lo] = kMaxNodeScore * (hi + lo - x) / hi;
    }
    bool uniform = true;
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (ignored_[i]) {
        out[i] = 0;
      } else if (hi == 0) {
        out[i] = kMaxNodeScore;
      } else if (table) {
        out[i] = normalized_[out[i] - lo];
      } else {
        out[i] = kMaxNodeScore * (hi + lo - out[i]) / hi;
      }
      uniform &= out[i] == out[0];
    }
    return uniform ? ScoreStatus::Uniform : ScoreStatus::Scored;
  }

 private:
  bool has_all_keys(const std::vector<Constraint>& cs, NodeId n) const {
    for (const Constraint& k : cs) {
      if (state_.nodes.domain(k.key, n) == kNoDomain) return false;
    }
    return true;
  }

  // The node inclusion policies, answered once per (template, node class).
  bool included(TemplateId id, Compiled& c, const Constraint& k, NodeId n) {
    const PodTemplateInfo& t = state_.templates.at(id);
    const model::Node& node = state_.nodes.node(n);
    if (k.honor_node_affinity) {
      if (c.affinity_ok_by_slot.empty()) c.affinity_ok_by_slot.assign(static_slot_count(state_, t), -1);
      int8_t& ok = c.affinity_ok_by_slot[static_slot(state_, t, n)];
      if (ok < 0) {
        ok = node_affinity_filter(t.spec, node) ? 1 : 0;
      }
      if (!ok) return false;
    }
    if (k.honor_taints) {
      if (c.taints_ok_by_slot.empty()) c.taints_ok_by_slot.assign(static_slot_count(state_, t), -1);
      int8_t& ok = c.taints_ok_by_slot[static_slot(state_, t, n)];
      if (ok < 0) ok = taint_toleration_filter(t.spec, node) ? 1 : 0;
      if (!ok) return false;
    }
    return true;
  }

  bool eligible(TemplateId id, Compiled& c, const std::vector<Constraint>& all, const Constraint& k, NodeId n) {
    return has_all_keys(all, n) && included(id, c, k, n);
  }

  // The domains of the nodes eligible for each hard constraint: the global
  // minimum is taken over these, empty ones included.
  void collect_hard_domains(TemplateId id, Compiled& c) {
    c.hard_domains.assign(c.hard.size(), {});
    for (size_t i = 0; i < c.hard.size(); ++i) {
      std::vector<uint8_t> seen(state_.nodes.domain_count(c.hard[i].key), 0);
      for (NodeId n = 0; n < static_cast<NodeId>(state_.nodes.size()); ++n) {
        if (!eligible(id, c, c.hard, c.hard[i], n)) continue;
        DomainId d = state_.nodes.domain(c.hard[i].key, n);
        if (!seen[d]) {
          seen[d] = 1;
          c.hard_domains[i].push_back(d);
        }
      }
    }
    c.hard_domains_known = true;
  }

  std::vector<Compiled> compiled_;
  std::optional<ServicesBySelectorPair> services_;  // built at the first system-defaulted template
  std::vector<DomainValues> counts_;                // per hard constraint
  std::vector<const DomainId*> columns_;
  std::vector<std::vector<uint8_t>> seen_;        // per soft constraint: domains among scored candidates
  std::vector<std::vector<double>> domain_part_;  // per soft constraint: score contributed by each domain
  std::vector<int64_t> domain_counts_;            // matching pods per domain of one soft constraint
  std::vector<int32_t> host_counts_;              // per node, for the hostname constraint
  std::vector<int64_t> normalized_;
  std::vector<uint8_t> ignored_;
  std::vector<double> weights_;
};

}  // namespace

std::unique_ptr<Plugin> make_pod_topology_spread(SchedulingState& s) { return std::make_unique<PodTopologySpread>(s); }

}  // namespace hybridctl::analysis::placement
