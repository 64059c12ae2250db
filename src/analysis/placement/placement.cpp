#include "analysis/placement/placement.h"

#include <algorithm>
#include <optional>
#include <random>
#include <unordered_map>

#include "analysis/ownership.h"
#include "analysis/placement/bound_pods.h"
#include "analysis/placement/scheduler.h"

namespace hybridctl::analysis::placement {
namespace {

// PriorityClass values of the two built-in classes; everything else is 0
// (the input rarely carries PriorityClass objects).
int64_t priority_of(const model::PodSpec& spec) {
  if (spec.priority_class_name == "system-node-critical") return 2000001000;
  if (spec.priority_class_name == "system-cluster-critical") return 2000000000;
  return 0;
}

int kind_rank(const model::Workload* w) {
  if (!w) return 7;  // bare pods last
  switch (w->workload_kind) {
    case model::WorkloadKind::DaemonSet:
      return 0;
    case model::WorkloadKind::StatefulSet:
      return 1;
    case model::WorkloadKind::Deployment:
      return 2;
    case model::WorkloadKind::ReplicaSet:
      return 3;
    case model::WorkloadKind::ReplicationController:
      return 4;
    case model::WorkloadKind::Job:
      return 5;
    case model::WorkloadKind::CronJob:
      return 6;
  }
  return 6;
}

// One unit of the placement queue: a workload, or a bare pod.
struct Entry {
  const model::Workload* workload = nullptr;
  const model::Pod* bare_pod = nullptr;
  int64_t priority = 0;
};

bool placed_as_workload(const model::Snapshot& s, const model::Workload& w) {
  if (w.workload_kind == model::WorkloadKind::CronJob) return false;
  // A ReplicaSet (or Job) whose owner is in the input is placed as that owner.
  return top_workload(s, w) == &w;
}

std::vector<Entry> placement_queue(const model::Snapshot& s, const model::Workload* only) {
  std::vector<Entry> queue;
  if (only) {
    queue.push_back({only, nullptr, priority_of(only->tmpl.spec)});
    return queue;
  }
  for (const model::Workload& w : s.workloads) {
    if (placed_as_workload(s, w)) queue.push_back({&w, nullptr, priority_of(w.tmpl.spec)});
  }
  for (const model::Pod& p : s.pods) {
    if (!p.spec.node_name.empty() || p.finished() || p.meta.deleting) continue;
    if (workload_of_pod(s, p)) continue;  // its controller's replicas stand for it
    queue.push_back({nullptr, &p, priority_of(p.spec)});
  }
  std::stable_sort(queue.begin(), queue.end(), [](const Entry& a, const Entry& b) {
    if (a.priority != b.priority) return a.priority > b.priority;
    int ka = kind_rank(a.workload), kb = kind_rank(b.workload);
    if (ka != kb) return ka < kb;
    const model::ObjectMeta& ma = a.workload ? a.workload->meta : a.bare_pod->meta;
    const model::ObjectMeta& mb = b.workload ? b.workload->meta : b.bare_pod->meta;
    if (ma.ns != mb.ns) return ma.ns < mb.ns;
    return ma.name < mb.name;
  });
  return queue;
}

std::vector<const model::Node*> node_pointers(const model::Snapshot& s) {
  std::vector<const model::Node*> out;
  out.reserve(s.nodes.size());
  for (const model::Node& n : s.nodes) out.push_back(&n);
  return out;
}

// Whether a bound pod's top-level owner is `w` itself (or its unpatched
// original: the same kind, namespace and name), whose replicas replace it.
bool same_workload(const model::Workload* owner, const model::Workload& w) {
  return owner && owner->workload_kind == w.workload_kind && owner->meta.ns == w.meta.ns &&
         owner->meta.name == w.meta.name;
}

// The scheduling template of a workload's replicas (a DaemonSet's pods carry
// the tolerations its controller adds).
model::PodSpec replica_spec(const model::Workload& w) {
  model::PodSpec spec = w.tmpl.spec;
  if (w.workload_kind == model::WorkloadKind::DaemonSet) add_daemon_pod_tolerations(spec);
  return spec;
}

struct RunOutcome {
  NodeSet feasible;                // at the first pod
  std::vector<NodeId> placements;  // -1: unschedulable
  std::vector<bool> simulated;     // false: an existing pod taken as placed
};

// One full placement of the queue under one seed.
class Run {
 public:
  // `nodes`: a fresh NodeTable of node_pointers(s), in the snapshot's order
  // (BoundPods index nodes by it; see NodeTable::fresh_copy).
  Run(const model::Snapshot& s, NodeTable nodes, const BoundPods& bound, const std::vector<Entry>& queue,
      const model::Workload* replaced, const ServicesBySelectorPair* services = nullptr)
      : state_(s, std::move(nodes)), scheduler_(state_), queue_(queue), replaced_(replaced) {
    state_.services = services;
    intern_everything(bound);
  }
  // One of many runs over the same nodes: `fresh_groups` are the groups of
  // the table `nodes` is a fresh copy of (see NodeGroups).
  Run(const model::Snapshot& s, NodeTable nodes, const NodeGroups& fresh_groups, const BoundPods& bound,
      const std::vector<Entry>& queue)
      : state_(s, std::move(nodes)), scheduler_(state_, fresh_groups), queue_(queue), replaced_(nullptr) {
    intern_everything(bound);
  }

  // Places every entry; restriction applies to entry `restricted` only.
  std::vector<RunOutcome> place(uint64_t seed, size_t restricted = SIZE_MAX, const NodeRestriction& r = {}) {
    std::mt19937_64 rng(seed);
    std::vector<RunOutcome> out(queue_.size());
    for (size_t i = 0; i < queue_.size(); ++i) {
      out[i] = place_entry(i, rng, i == restricted ? r : NodeRestriction{});
    }
    return out;
  }

  const NodeTable& nodes() const { return state_.nodes; }
  // See Scheduler::canonical_groups (the fix check's placement is compared
  // with PlacedCluster's, which reaches the same state by another history).
  void canonical_groups() { scheduler_.canonical_groups(); }
  // Whether place() lists each entry's feasible nodes (one pass over every
  // node per workload, and a bit per node per workload kept).
  void record_feasible(bool on) { record_feasible_ = on; }

 private:
  void intern_everything(const BoundPods& bound) {
    // Existing pods first (bound later, after every template is prepared).
    std::unordered_map<const model::Workload*, size_t> entry_of;
    for (size_t i = 0; i < queue_.size(); ++i) {
      if (queue_[i].workload) entry_of.emplace(queue_[i].workload, i);
    }
    existing_by_entry_.resize(queue_.size());
    // One template per group of interchangeable pods; the node comes from
    // the bind, so a workload's bound replicas share one template.
    constexpr TemplateId kReplaced = -1;
    std::vector<TemplateId> template_of_group;
    template_of_group.reserve(bound.groups().size());
    for (const BoundPodGroup& g : bound.groups()) {
      const model::Workload* owner = g.owner;
      if (replaced_ && same_workload(owner, *replaced_)) {
        template_of_group.push_back(kReplaced);  // the workload under test replaces its own pods
        continue;
      }
      const model::Pod& p = *g.representative;
      template_of_group.push_back(
          state_.templates.intern(g.fingerprint, p.meta.ns, p.meta.labels, p.spec, owner, /*bound_pod=*/true));
    }
    // BoundPods name nodes by their place in the snapshot; the NodeTable,
    // built from the snapshot's nodes in that order, numbers them by name.
    for (const BoundPod& p : bound.pods()) {
      TemplateId t = template_of_group[p.group];
      if (t == kReplaced) continue;
      NodeId n = state_.nodes.id_of_input(p.node);
      existing_.push_back({t, n, p.deleting});
      if (const model::Workload* owner = bound.groups()[p.group].owner) {
        auto it = entry_of.find(owner);
        if (it != entry_of.end()) existing_by_entry_[it->second].push_back(n);
      }
    }
    templates_.resize(queue_.size());
    for (size_t i = 0; i < queue_.size(); ++i) {
      const Entry& e = queue_[i];
      if (e.workload) {
        templates_[i] = state_.templates.intern(e.workload->meta.ns, e.workload->tmpl.labels, replica_spec(*e.workload),
                                                e.workload);
      } else {
        templates_[i] =
            state_.templates.intern(e.bare_pod->meta.ns, e.bare_pod->meta.labels, e.bare_pod->spec, nullptr);
      }
    }
    std::vector<bool> scheduled(state_.templates.size(), false);
    for (TemplateId t : templates_) scheduled[t] = true;
    for (TemplateId t = 0; t < static_cast<TemplateId>(state_.templates.size()); ++t)
      scheduler_.prepare(t, scheduled[t]);
    for (const Bound& b : existing_) scheduler_.bind(b.template_id, b.node, b.terminating);
  }

  RunOutcome place_entry(size_t i, std::mt19937_64& rng, const NodeRestriction& r) {
    const Entry& e = queue_[i];
    const TemplateId t = templates_[i];
    RunOutcome out;
    if (record_feasible_) {
      scheduler_.feasible(t, r, feasible_scratch_);
      out.feasible = NodeSet(state_.nodes.size());
      for (NodeId n : feasible_scratch_) out.feasible.insert(n);
    }
    for (NodeId n : existing_by_entry_[i]) {
      out.placements.push_back(n);
      out.simulated.push_back(false);
    }
    auto place_one = [&](const NodeRestriction& restriction) {
      NodeId n = scheduler_.schedule(t, restriction, rng);
      if (n >= 0) scheduler_.bind(t, n);
      out.placements.push_back(n);
      out.simulated.push_back(true);
    };
    if (e.workload && e.workload->workload_kind == model::WorkloadKind::DaemonSet) {
      // The DaemonSet controller makes one pod per node its pod could run on
      // (name, node affinity, taints); the scheduler then decides whether it fits.
      const auto& have = existing_by_entry_[i];
      for (NodeId n = 0; n < static_cast<NodeId>(state_.nodes.size()); ++n) {
        if (r.only_environment && state_.nodes.node(n).environment() != *r.only_environment) continue;
        if (std::find(have.begin(), have.end(), n) != have.end()) continue;
        if (scheduler_.passes_static_filters(t, n)) place_one(NodeRestriction{n, std::nullopt});
      }
      return out;
    }
    int replicas = 1;
    if (e.workload) replicas = e.workload->replicas.value_or(1);
    for (int k = static_cast<int>(existing_by_entry_[i].size()); k < replicas; ++k) place_one(r);
    return out;
  }

  SchedulingState state_;
  Scheduler scheduler_;
  const std::vector<Entry>& queue_;
  const model::Workload* replaced_;
  std::vector<TemplateId> templates_;
  struct Bound {
    TemplateId template_id;
    NodeId node;
    bool terminating;
  };
  std::vector<Bound> existing_;
  std::vector<std::vector<NodeId>> existing_by_entry_;
  bool record_feasible_ = true;
  std::vector<NodeId> feasible_scratch_;
};

// Constraints that can rule out a one-sided placement by themselves.
bool has_forcing_constraints(const model::PodSpec& spec) {
  for (const auto& c : spec.topology_spread) {
    if (c.when_unsatisfiable != "ScheduleAnyway") return true;
  }
  if (!spec.affinity) return false;
  const auto& a = spec.affinity;
  return (a->pod_anti_affinity && !a->pod_anti_affinity->required.empty()) ||
         (a->pod_affinity && !a->pod_affinity->required.empty());
}

bool all_placed(const RunOutcome& o) {
  return std::all_of(o.placements.begin(), o.placements.end(), [](NodeId n) { return n >= 0; });
}

// Whether the entry's replicas, confined to `env`, all pass the filters (on
// the input's bound pods; earlier simulated workloads are not placed).
bool fits_on_one_side(const model::Snapshot& s, NodeTable nodes, const BoundPods& bound, const Entry& e,
                      model::Environment env, uint64_t seed) {
  std::vector<Entry> only{e};
  Run run(s, std::move(nodes), bound, only, nullptr);
  run.record_feasible(false);
  NodeRestriction r;
  r.only_environment = env;
  return all_placed(run.place(seed, 0, r)[0]);
}

model::Pod synthesize_pod(const Entry& e, const model::Node& node, int index) {
  model::Pod p;
  p.api_version = "v1";
  p.kind = "Pod";
  if (e.bare_pod) {
    p = *e.bare_pod;
  } else {
    const model::Workload& w = *e.workload;
    p.meta.ns = w.meta.ns;
    p.meta.name = w.meta.name + "-sim-" + std::to_string(index);
    p.meta.labels = w.tmpl.labels;
    p.meta.annotations = w.tmpl.annotations;
    p.meta.owners.push_back({w.api_version, w.kind, w.meta.name, w.meta.uid, true});
    p.spec = w.tmpl.spec;
    p.origin = w.origin;
  }
  p.spec.node_name = node.meta.name;
  p.phase = "Running";
  p.ready = true;
  p.simulated = true;
  p.host_ip = node.internal_ip;
  if (p.spec.host_network) p.pod_ip = node.internal_ip;
  return p;
}

void tally(WorkloadPlacement& wp, const std::vector<const model::Node*>& placements) {
  for (const model::Node* n : placements) {
    if (!n) continue;
    wp.by_environment[model::environment_name(n->environment())] += 1;
    std::string_view zone = n->zone();
    wp.by_zone[zone.empty() ? std::string(kNoZone) : std::string(zone)] += 1;
  }
}

}  // namespace

PlacementResult simulate(const model::Snapshot& snapshot, const PlacementOptions& options, const BoundPods* bound) {
  std::optional<BoundPods> own;
  if (!bound) bound = &own.emplace(snapshot);
  PlacementResult result;
  const std::vector<Entry> queue = placement_queue(snapshot, nullptr);
  const int runs = std::max(1, options.runs);
  std::vector<int> cloud_only(queue.size()), hybrid_only(queue.size()), both(queue.size());
  const NodeTable nodes_before_any_run(node_pointers(snapshot));
  const NodeGroups groups_before_any_run(nodes_before_any_run);
  for (int r = 0; r < runs; ++r) {
    Run run(snapshot, nodes_before_any_run.fresh_copy(), groups_before_any_run, *bound, queue);
    run.record_feasible(r == 0 && options.record_feasible_nodes);
    std::vector<RunOutcome> outcomes = run.place(options.seed + static_cast<uint64_t>(r));
    const NodeTable& nodes = run.nodes();
    if (r == 0) {
      result.nodes.reserve(nodes.size());
      for (NodeId n = 0; n < static_cast<NodeId>(nodes.size()); ++n) result.nodes.push_back(&nodes.node(n));
      size_t simulated = 0;
      for (const RunOutcome& o : outcomes) simulated += std::count(o.simulated.begin(), o.simulated.end(), true);
      result.simulated_pods.reserve(simulated);
    }
    for (size_t i = 0; i < queue.size(); ++i) {
      const RunOutcome& o = outcomes[i];
      int cloud = 0, hybrid = 0, missing = 0;
      for (NodeId n : o.placements) {
        if (n < 0) {
          ++missing;
        } else if (nodes.node(n).is_hybrid()) {
          ++hybrid;
        } else {
          ++cloud;
        }
      }
      if (missing == 0 && cloud > 0 && hybrid == 0) ++cloud_only[i];
      if (missing == 0 && hybrid > 0 && cloud == 0) ++hybrid_only[i];
      if (cloud > 0 && hybrid > 0) ++both[i];
      if (r != 0) continue;
      WorkloadPlacement wp;
      wp.workload = queue[i].workload;
      wp.bare_pod = queue[i].bare_pod;
      wp.replicas = static_cast<int>(o.placements.size());
      if (options.record_feasible_nodes) wp.feasible_nodes = std::move(outcomes[i].feasible);
      for (size_t k = 0; k < o.placements.size(); ++k) {
        NodeId n = o.placements[k];
        wp.placements.push_back(n < 0 ? nullptr : &nodes.node(n));
        if (n >= 0 && o.simulated[k]) {
          result.simulated_pods.push_back(synthesize_pod(queue[i], nodes.node(n), static_cast<int>(k)));
        }
      }
      tally(wp, wp.placements);
      result.workloads.push_back(std::move(wp));
    }
  }
  bool has_cloud = false, has_hybrid = false;
  for (const model::Node& n : snapshot.nodes) (n.is_hybrid() ? has_hybrid : has_cloud) = true;
  for (size_t i = 0; i < queue.size(); ++i) {
    WorkloadPlacement& wp = result.workloads[i];
    wp.all_in_cloud = static_cast<double>(cloud_only[i]) / runs;
    wp.all_in_hybrid = static_cast<double>(hybrid_only[i]) / runs;
    wp.both_sides = static_cast<double>(both[i]) / runs;
    const model::PodSpec& spec = queue[i].workload ? queue[i].workload->tmpl.spec : queue[i].bare_pod->spec;
    bool placed = std::all_of(wp.placements.begin(), wp.placements.end(), [](auto* n) { return n != nullptr; });
    if (options.check_guarantees && wp.replicas >= 2 && placed && has_cloud && has_hybrid &&
        has_forcing_constraints(spec)) {
      wp.guaranteed_both_sides = !fits_on_one_side(snapshot, nodes_before_any_run.fresh_copy(), *bound, queue[i],
                                                   model::Environment::Cloud, options.seed) &&
                                 !fits_on_one_side(snapshot, nodes_before_any_run.fresh_copy(), *bound, queue[i],
                                                   model::Environment::Hybrid, options.seed);
    }
  }
  return result;
}

bool all_replicas_placeable(const model::Snapshot& snapshot, const model::Workload& w, const BoundPods* bound,
                            const ServicesBySelectorPair* services) {
  const std::vector<Entry> queue = placement_queue(snapshot, &w);
  std::optional<BoundPods> own;
  if (!bound) bound = &own.emplace(snapshot);
  Run run(snapshot, NodeTable(node_pointers(snapshot)), *bound, queue, &w, services);
  run.record_feasible(false);
  run.canonical_groups();
  return all_placed(run.place(1)[0]);
}

// The shared cluster: every bound pod bound once; a check unbinds the
// workload's own pods, adds its patched template (catching up the counters
// its constraints add), schedules its replicas, then unbinds them and binds
// the workload's pods again. Every step leaves the state a fresh placement of
// the same pods would have (counters and `placed` hold no zero entries, the
// node groups are canonical), so the seeded draws are the same.
struct PlacedCluster::State {
  struct Pod {
    TemplateId template_id;
    NodeId node;
    bool terminating;
  };

  State(const model::Snapshot& s, const BoundPods& bound, const ServicesBySelectorPair* services)
      : snapshot(s), scheduling(s, NodeTable(node_pointers(s))), scheduler(scheduling) {
    scheduling.services = services;
    std::vector<TemplateId> template_of_group;
    template_of_group.reserve(bound.groups().size());
    for (const BoundPodGroup& g : bound.groups()) {
      const model::Pod& p = *g.representative;
      template_of_group.push_back(
          scheduling.templates.intern(g.fingerprint, p.meta.ns, p.meta.labels, p.spec, g.owner, /*bound_pod=*/true));
    }
    // As Run does: every template prepared (only bound) before the first bind.
    for (TemplateId t = 0; t < static_cast<TemplateId>(scheduling.templates.size()); ++t) {
      scheduler.prepare(t, /*scheduled=*/false);
      base_templates.push_back(t);
      for (const auto& [k, v] : scheduling.templates.at(t).labels) {
        templates_by_pair[PodCounters::label_pair(k, v)].push_back(t);
      }
    }
    for (const BoundPod& p : bound.pods()) {
      const Pod pod{template_of_group[p.group], scheduling.nodes.id_of_input(p.node), p.deleting};
      scheduler.bind(pod.template_id, pod.node, pod.terminating);
      if (pod.terminating) terminating[pod.template_id][pod.node] += 1;
      if (const model::Workload* owner = bound.groups()[p.group].owner) pods_of[workload_key(*owner)].push_back(pod);
    }
    scheduler.canonical_groups();
  }

  static std::string workload_key(const model::Workload& w) {
    std::string key = std::to_string(static_cast<int>(w.workload_kind));
    key += '\x01';
    key += w.meta.ns;
    key += '\x01';
    key += w.meta.name;
    return key;
  }

  bool check(const model::Workload& w) {
    auto own_it = pods_of.find(workload_key(w));
    const std::vector<Pod>* own = own_it == pods_of.end() ? nullptr : &own_it->second;
    if (own) {
      for (const Pod& p : *own) {
        scheduler.unbind(p.template_id, p.node, p.terminating);
        if (p.terminating) terminating[p.template_id][p.node] -= 1;
      }
    }
    const TemplateId t = scheduling.templates.add(w.meta.ns, w.tmpl.labels, replica_spec(w), &w);
    const auto counters_before = static_cast<CounterId>(scheduling.counters.size());
    scheduler.prepare(t, /*scheduled=*/true);
    for (auto c = counters_before; c < static_cast<CounterId>(scheduling.counters.size()); ++c) catch_up(c);
    scheduler.canonical_groups();

    std::mt19937_64 rng(1);  // the seed all_replicas_placeable's run uses
    std::vector<NodeId> placed;
    bool all = true;
    auto place_one = [&](const NodeRestriction& r) {
      NodeId n = scheduler.schedule(t, r, rng);
      if (n < 0) return false;
      scheduler.bind(t, n);
      placed.push_back(n);
      return true;
    };
    if (w.workload_kind == model::WorkloadKind::DaemonSet) {
      for (NodeId n = 0; n < static_cast<NodeId>(scheduling.nodes.size()) && all; ++n) {
        if (scheduler.passes_static_filters(t, n)) all = place_one(NodeRestriction{n, std::nullopt});
      }
    } else {
      for (int k = 0; k < w.replicas.value_or(1) && all; ++k) all = place_one({});
    }

    for (auto it = placed.rbegin(); it != placed.rend(); ++it) scheduler.unbind(t, *it);
    if (own) {
      for (const Pod& p : *own) {
        scheduler.bind(p.template_id, p.node, p.terminating);
        if (p.terminating) terminating[p.template_id][p.node] += 1;
      }
    }
    scheduler.canonical_groups();
    return all;
  }

  // A counter interned after the bound pods were bound counts them now: the
  // templates it selects are found through the same label pair its index
  // uses (every template when it has none).
  void catch_up(CounterId c) {
    PodCounters& counters = scheduling.counters;
    const PodCounter& counter = counters.at(c);
    if (counter.counts_nothing) return;
    const std::vector<TemplateId>* candidates = &base_templates;
    if (!counter.index_pair.empty()) {
      auto it = templates_by_pair.find(counter.index_pair);
      if (it == templates_by_pair.end()) return;
      candidates = &it->second;
    }
    for (TemplateId t : *candidates) {
      PodTemplateInfo& info = scheduling.templates.at(t);
      if (!counters.matches(c, info)) continue;
      counters.add_late_match(c, info);
      const auto term = terminating.find(t);
      for (auto [node, count] : info.placed) {
        int32_t counted = count;
        if (!counter.counts_terminating && term != terminating.end()) {
          auto k = term->second.find(node);
          if (k != term->second.end()) counted -= k->second;
        }
        counters.add_count(c, node, counted);
      }
    }
  }

  const model::Snapshot& snapshot;
  SchedulingState scheduling;
  Scheduler scheduler;
  std::vector<TemplateId> base_templates;  // the bound pods' templates
  std::unordered_map<std::string, std::vector<TemplateId>> templates_by_pair;
  std::unordered_map<TemplateId, std::unordered_map<NodeId, int32_t>> terminating;  // bound pods being deleted
  std::unordered_map<std::string, std::vector<Pod>> pods_of;                        // by workload_key of the owner
};

PlacedCluster::PlacedCluster(const model::Snapshot& snapshot, const BoundPods& bound,
                             const ServicesBySelectorPair* services)
    : state_(std::make_unique<State>(snapshot, bound, services)) {}

PlacedCluster::~PlacedCluster() = default;

bool PlacedCluster::all_replicas_placeable(const model::Workload& w) { return state_->check(w); }

ReplicaOdds place_alone(const model::Snapshot& snapshot, const model::Workload& w, uint64_t seed, int runs) {
  model::Snapshot alone;
  alone.files = snapshot.files;
  alone.nodes = snapshot.nodes;
  alone.workloads.push_back(w);
  alone.workloads.back().meta.owners.clear();  // placed as itself, whatever owns it
  alone.facts = snapshot.facts;
  alone.build_indexes();
  PlacementOptions options;
  options.seed = seed;
  options.runs = runs;
  options.record_feasible_nodes = false;
  PlacementResult result = simulate(alone, options);
  ReplicaOdds odds;
  odds.runs = runs;
  for (const WorkloadPlacement& p : result.workloads) {
    if (p.workload != &alone.workloads.back()) continue;
    odds.all_in_cloud = p.all_in_cloud;
    odds.all_in_hybrid = p.all_in_hybrid;
    odds.both_sides = p.both_sides;
    odds.guaranteed_both_sides = p.guaranteed_both_sides;
  }
  return odds;
}

}  // namespace hybridctl::analysis::placement
