#include "analysis/placement/pod_counters.h"

#include "k8s/inter_pod_affinity.h"

namespace hybridctl::analysis::placement {
namespace {

std::string pair_key(std::string_view k, std::string_view v) {
  std::string s(k);
  s += '\x01';
  s += v;
  return s;
}

std::string condition_key(const std::vector<CounterCondition>& cs) {
  std::string out;
  for (const CounterCondition& c : cs) {
    const auto& s = c.term.label_selector;
    out += s.present ? 'P' : 'N';
    for (const auto& [k, v] : s.match_labels) out += k + '\x01' + v + '\x02';
    for (const auto& r : s.match_expressions) {
      out += r.key + '\x01' + r.op;
      for (const auto& v : r.values) out += '\x01' + v;
      out += '\x02';
    }
    out += '\x03';
    for (const auto& n : c.term.namespaces) out += n + '\x01';
    const auto& ns = c.term.namespace_selector;
    out += ns.present ? 'P' : 'N';
    for (const auto& [k, v] : ns.match_labels) out += k + '\x01' + v + '\x02';
    for (const auto& r : ns.match_expressions) {
      out += r.key + '\x01' + r.op;
      for (const auto& v : r.values) out += '\x01' + v;
      out += '\x02';
    }
    out += '\x03' + c.owner_namespace + '\x04';
  }
  return out;
}

// A label pair every pod the condition selects must carry, or "" when the
// selector has none (Exists, NotIn, `{}`...).
std::string required_pair(const CounterCondition& c) {
  const auto& s = c.term.label_selector;
  if (!s.match_labels.empty()) return pair_key(s.match_labels.begin()->first, s.match_labels.begin()->second);
  for (const auto& r : s.match_expressions) {
    if (r.op == "In" && r.values.size() == 1) return pair_key(r.key, r.values[0]);
  }
  return {};
}

}  // namespace

CounterId PodCounters::intern(std::vector<CounterCondition> conditions, bool counts_terminating) {
  std::string key = condition_key(conditions) + (counts_terminating ? "T" : "L");
  auto it = ids_.find(key);
  if (it != ids_.end()) return it->second;
  CounterId id = static_cast<CounterId>(counters_.size());
  ids_.emplace(std::move(key), id);
  bool selects_nothing = conditions.empty();
  for (const auto& c : conditions) selects_nothing |= !c.term.label_selector.present;
  std::string pair = conditions.empty() ? "" : required_pair(conditions.front());
  counters_.push_back({std::move(conditions), counts_terminating, {}, 0, selects_nothing, pair});
  if (selects_nothing) return id;  // a nil selector matches no pod: never indexed, never counts
  if (pair.empty()) {
    unindexed_.push_back(id);
  } else {
    by_label_pair_[pair].push_back(id);
  }
  return id;
}

bool PodCounters::matches(CounterId id, const PodTemplateInfo& t) const {
  static const StringMap kNoOwnerLabels;  // matchLabelKeys were folded in at intern time
  for (const CounterCondition& c : counters_[id].conditions) {
    if (!k8s::affinity_term_matches(c.term, c.owner_namespace, kNoOwnerLabels, t.ns, t.labels, t.namespace_labels)) {
      return false;
    }
  }
  return !counters_[id].conditions.empty();
}

const std::vector<CounterId>& PodCounters::matching(PodTemplateInfo& t) {
  if (t.matching_known) return t.matching_counters;
  t.matching_known = true;
  auto consider = [&](CounterId id) {
    if (matches(id, t)) t.matching_counters.push_back(id);
  };
  for (const auto& [k, v] : t.labels) {
    auto it = by_label_pair_.find(pair_key(k, v));
    if (it == by_label_pair_.end()) continue;
    for (CounterId id : it->second) consider(id);
  }
  for (CounterId id : unindexed_) consider(id);
  return t.matching_counters;
}

void PodCounters::on_bind(PodTemplateInfo& t, NodeId node, bool terminating) {
  for (CounterId id : matching(t)) {
    if (terminating && !counters_[id].counts_terminating) continue;
    counters_[id].per_node[node] += 1;
    counters_[id].total += 1;
  }
}

void PodCounters::on_unbind(PodTemplateInfo& t, NodeId node, bool terminating) {
  for (CounterId id : matching(t)) {
    if (terminating && !counters_[id].counts_terminating) continue;
    auto it = counters_[id].per_node.find(node);
    if (--it->second == 0) counters_[id].per_node.erase(it);
    counters_[id].total -= 1;
  }
}

void PodCounters::add_late_match(CounterId c, PodTemplateInfo& t) {
  if (t.matching_known) t.matching_counters.push_back(c);
}

void PodCounters::add_count(CounterId c, NodeId node, int32_t count) {
  if (count <= 0) return;
  counters_[c].per_node[node] += count;
  counters_[c].total += count;
}

std::string PodCounters::label_pair(std::string_view key, std::string_view value) { return pair_key(key, value); }

}  // namespace hybridctl::analysis::placement
