// Incremental pod counts for every selector a constraint counts by: the
// terms of inter-pod (anti-)affinity and the selectors of topology spread
// constraints. Each counter keeps how many matching pods every node runs;
// binding a pod updates only the counters that select it, found through an
// inverted index on one label pair of each selector. Per-domain counts are
// aggregated from these per-node counts by the plugins (they differ in which
// nodes are eligible).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/placement/pod_templates.h"

namespace hybridctl::analysis::placement {

using CounterId = int32_t;

// One condition a counted pod must meet: a term (with matchLabelKeys already
// folded into its selector) owned by a pod of `owner_namespace`.
struct CounterCondition {
  model::PodAffinityTerm term;
  std::string owner_namespace;
};

struct PodCounter {
  std::vector<CounterCondition> conditions;      // ANDed
  bool counts_terminating = true;                // PodTopologySpread skips pods being deleted
  std::unordered_map<NodeId, int32_t> per_node;  // only nodes with a count > 0
  int64_t total = 0;
  bool counts_nothing = false;  // a nil selector: never indexed
  std::string index_pair;       // a label pair every counted pod carries, or "" (unindexed)
};

class PodCounters {
 public:
  // Registers (or finds) the counter of pods meeting every condition. Call
  // before the first bind: counters do not count retroactively.
  CounterId intern(std::vector<CounterCondition> conditions, bool counts_terminating = true);
  const PodCounter& at(CounterId c) const { return counters_[c]; }
  size_t size() const { return counters_.size(); }

  // The counters that select the template's pods.
  const std::vector<CounterId>& matching(PodTemplateInfo& t);
  // Whether the template's pods meet every condition of counter `c`.
  bool matches(CounterId c, const PodTemplateInfo& t) const;
  // `terminating`: the pod has a deletionTimestamp (an existing pod only).
  void on_bind(PodTemplateInfo& t, NodeId node, bool terminating = false);
  // Undoes on_bind (a node whose count drops to 0 leaves per_node, as if the
  // pod had never been bound).
  void on_unbind(PodTemplateInfo& t, NodeId node, bool terminating = false);

  // Catching up a counter interned after pods were bound (the shared cluster
  // of the fix checks): records that the template, whose pods are bound now,
  // matches `c` (if its matching list is known), and counts `count` of them
  // on `node` (terminating ones left out by the caller where c skips them).
  void add_late_match(CounterId c, PodTemplateInfo& t);
  void add_count(CounterId c, NodeId node, int32_t count);
  // The key of a label pair as the counters' index spells it.
  static std::string label_pair(std::string_view key, std::string_view value);

 private:
  std::vector<PodCounter> counters_;
  std::unordered_map<std::string, CounterId> ids_;
  std::unordered_map<std::string, std::vector<CounterId>> by_label_pair_;
  std::vector<CounterId> unindexed_;
};

}  // namespace hybridctl::analysis::placement
