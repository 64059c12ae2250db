// HN005: CoreDNS must serve both sides of a mixed cluster: at least one
// ready replica in the cloud and one on premises, spread by the document's
// anti-affinity, and — since preferred terms guarantee nothing — a
// configuration that forces both sides when the user needs certainty.
#include <optional>
#include <set>

#include "analysis/feasibility.h"
#include "analysis/ownership.h"
#include "analysis/placement/placement.h"
#include "fix/scheduling_changes.h"
#include "k8s/label_selector.h"
#include "k8s/taints.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

using model::kHostnameLabel;
using model::kZoneLabel;
// Placements simulated for the odds: enough for +-0.05 at 95 % around 0.5.
constexpr int kSimulationRuns = 400;

bool pod_is_ready(const model::Pod& p) {
  if (p.meta.deleting) return false;
  return p.ready.value_or(p.phase == "Running");
}

// The label CoreDNS's own terms select on: k8s-app (kube-dns in every EKS
// and upstream manifest), else the first label of the template.
std::pair<std::string, std::string> self_label(const model::Workload& w) {
  std::string_view app = w.tmpl.labels.get("k8s-app");
  if (!app.empty()) return {"k8s-app", std::string(app)};
  if (!w.tmpl.labels.empty()) return {w.tmpl.labels.begin()->first, w.tmpl.labels.begin()->second};
  return {"k8s-app", "kube-dns"};
}

bool selects_self(const model::LabelSelector& s, const model::Workload& w) {
  return k8s::label_selector_matches(s, w.tmpl.labels).matched;
}

struct Spreading {
  bool hostname = false;       // replicas kept off one node (any form)
  bool zone = false;           // replicas kept apart by zone (any form)
  bool zone_enforced = false;  // required anti-affinity or DoNotSchedule spread by zone
};

Spreading spreading_of(const model::Workload& w) {
  Spreading s;
  const model::PodSpec& spec = w.tmpl.spec;
  auto note = [&](const std::string& key, bool hard) {
    if (key == kHostnameLabel) s.hostname = true;
    if (key == kZoneLabel) {
      s.zone = true;
      s.zone_enforced = s.zone_enforced || hard;
    }
  };
  if (spec.affinity && spec.affinity->pod_anti_affinity) {
    for (const auto& t : spec.affinity->pod_anti_affinity->required) {
      if (selects_self(t.label_selector, w)) note(t.topology_key, true);
    }
    for (const auto& p : spec.affinity->pod_anti_affinity->preferred) {
      if (p.weight > 0 && selects_self(p.term.label_selector, w)) note(p.term.topology_key, false);
    }
  }
  for (const auto& c : spec.topology_spread) {
    if (selects_self(c.label_selector, w)) note(c.topology_key, c.when_unsatisfiable == "DoNotSchedule");
  }
  return s;
}

model::WeightedPodAffinityTerm document_term(const model::Workload& w, const char* key, int32_t weight) {
  auto [label, value] = self_label(w);
  model::WeightedPodAffinityTerm t;
  t.weight = weight;
  t.term.label_selector.present = true;
  t.term.label_selector.match_expressions.push_back({label, "In", {value}});
  t.term.topology_key = key;
  return t;
}

// Zones of the nodes a template fits, per environment.
struct Zones {
  std::set<std::string> cloud, hybrid;
  bool unzoned_hybrid = false;
};

Zones feasible_zones(const model::Snapshot& snapshot, const model::PodSpec& spec) {
  Zones z;
  for (const model::Node& n : snapshot.nodes) {
    if (!analysis::passes_static_filters(spec, n)) continue;
    if (n.zone().empty()) {
      z.unzoned_hybrid = z.unzoned_hybrid || n.is_hybrid();
      continue;
    }
    (n.is_hybrid() ? z.hybrid : z.cloud).insert(std::string(n.zone()));
  }
  return z;
}

// The chart whose values (and the EKS add-on's configurationValues) carry
// CoreDNS's replicas and scheduling (charts/coredns).
constexpr const char* kChart = "coredns";

// The constraint of the guarantee: one replica per zone.
model::TopologySpreadConstraint zone_spread(const model::Workload& w) {
  auto [label, value] = self_label(w);
  model::TopologySpreadConstraint c;
  c.max_skew = 1;
  c.topology_key = kZoneLabel;
  c.when_unsatisfiable = "DoNotSchedule";
  c.label_selector.present = true;
  c.label_selector.match_labels.set(label, value);
  return c;
}

bool has_constraint(const model::PodSpec& spec, const model::TopologySpreadConstraint& c) {
  return std::find(spec.topology_spread.begin(), spec.topology_spread.end(), c) != spec.topology_spread.end();
}

class CorednsCoverage final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN005",
        .name = "coredns-coverage",
        .default_severity = Severity::Error,
        .severity = "(a) error; (b) warning; (c) info",
        .fires_when =
            "CoreDNS (kube-system/coredns) in a mixed cluster: (a) its pods are in the input and no ready replica "
            "runs on a cloud node, or none on a hybrid node; (b) fewer than 2 replicas, or the podAntiAffinity by "
            "kubernetes.io/hostname (weight 100) and topology.kubernetes.io/zone (weight 50) is missing; (c) that "
            "configuration is present but cannot guarantee a replica on each side (preferred terms, replicas no more "
            "than the cloud zones: every replica may land in the cloud).",
        .rationale =
            "Pods resolve names through the kube-dns Service; with trafficDistribution: PreferClose each side uses "
            "its local replicas, so each side needs one. A side without a replica sends every DNS query across the "
            "VPN and loses DNS when the link fails. Preferred anti-affinity only spreads replicas over nodes and "
            "zones: with two replicas and three cloud zones both may well land in the cloud.",
        .fix =
            "replicas >= 2 and the document's preferred podAntiAffinity (hostname weight 100, zone weight 50), as a "
            "JSON patch or the EKS add-on's configurationValues (replicaCount, affinity); to guarantee both sides, "
            "one replica per zone with a topology spread constraint on topology.kubernetes.io/zone (maxSkew 1, "
            "DoNotSchedule) and replicas equal to the number of zones, which the simulation confirms.",
        .needs_nodes = true,
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Namespace},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (!ctx.analyses.mixed()) return;
    const model::Snapshot& snap = ctx.snapshot;
    const model::Workload* coredns = snap.workload(model::WorkloadKind::Deployment, "kube-system", "coredns");
    bool reported_running = false;
    // One object, one line of fixes: (b)'s patch builds on (a)'s, which sorts
    // (and is applied) first as an error.
    std::optional<model::Workload> after_running = check_running_replicas(ctx, coredns, reported_running);
    if (!coredns) return;
    Spreading spreading = spreading_of(*coredns);
    int32_t replicas = coredns->replicas.value_or(1);
    if (replicas < 2 || !spreading.hostname || !spreading.zone) {
      report_configuration(ctx, *coredns, after_running ? *after_running : *coredns, spreading, replicas,
                           !reported_running);
      return;
    }
    // (a) already reports the missing side, with the fix that guarantees both.
    if (reported_running) return;
    if (std::optional<std::string> why = no_guarantee(ctx, *coredns)) report_no_guarantee(ctx, *coredns, *why);
  }

 private:
  // (a): where the replicas run now.
  // Returns CoreDNS as its fix leaves it, when the finding carries one.
  std::optional<model::Workload> check_running_replicas(RuleContext& ctx, const model::Workload* coredns,
                                                        bool& reported) const {
    const model::Snapshot& snap = ctx.snapshot;
    size_t cloud = 0, hybrid = 0, pods = 0;
    const model::Pod* first = nullptr;
    for (const model::Pod* p : snap.pods_in("kube-system")) {
      bool mine =
          coredns ? analysis::workload_of_pod(snap, *p) == coredns : p->meta.labels.get("k8s-app") == "kube-dns";
      if (!mine) continue;
      const model::Node* n = snap.node(p->spec.node_name);
      if (!n) continue;
      ++pods;
      if (!first) first = p;
      if (pod_is_ready(*p)) ++(n->is_hybrid() ? hybrid : cloud);
    }
    // Without the pods (a `kubectl get svc,endpointslices` dump), kube-dns's ready endpoints say where CoreDNS runs.
    const model::Service* kube_dns = pods == 0 ? snap.service("kube-system", "kube-dns") : nullptr;
    std::string listed;
    if (kube_dns) {
      for (const analysis::ServiceEndpoint& e : ctx.analyses.ready_endpoints(*kube_dns).endpoints) {
        if (e.location.environment == analysis::EndpointEnvironment::Unknown) continue;
        ++pods;
        ++(e.location.environment == analysis::EndpointEnvironment::Hybrid ? hybrid : cloud);
        listed += (listed.empty() ? "" : ", ") + e.describe();
      }
    }
    if (pods == 0 || (cloud > 0 && hybrid > 0)) return std::nullopt;
    reported = true;
    std::string missing = cloud == 0 && hybrid == 0 ? "any node" : cloud == 0 ? "a cloud node" : "a hybrid node";
    std::string message = "CoreDNS has " + std::to_string(cloud + hybrid) + " ready replica(s)" +
                          (listed.empty() ? "" : " (Service kube-system/kube-dns endpoints " + listed + ")") +
                          " and none on " + missing + ": DNS queries from that side cross the VPN, and fail with it.";
    const model::ObjectBase& subject = coredns ? static_cast<const model::ObjectBase&>(*coredns)
                                       : first ? static_cast<const model::ObjectBase&>(*first)
                                               : *kube_dns;
    Finding f = make_finding(info(), Severity::Error, subject, message);
    std::optional<model::Workload> fixed;
    if (coredns) fixed = add_guarantee_fix(ctx, *coredns, f);
    ctx.findings.push_back(std::move(f));
    return fixed;
  }

  // (b): replicas and the document's anti-affinity.
  // `base` is CoreDNS as the fixes before this one leave it: the patch adds
  // only what is still missing there, guarded on that state. When nothing
  // before it guarantees both sides (`then_guarantee`) and the configuration
  // it leaves still would not, the guarantee is part of the same fix: one
  // run of the fixes leaves nothing for HN005 to ask next.
  void report_configuration(RuleContext& ctx, const model::Workload& coredns, const model::Workload& base,
                            const Spreading& s, int32_t replicas, bool then_guarantee) const {
    std::vector<std::string> problems;
    if (replicas < 2) problems.push_back(std::to_string(replicas) + " replica(s)");
    if (!s.hostname) problems.push_back("no podAntiAffinity by kubernetes.io/hostname");
    if (!s.zone) problems.push_back("no podAntiAffinity by topology.kubernetes.io/zone");
    std::string list;
    for (const auto& p : problems) list += (list.empty() ? "" : ", ") + p;
    Finding f = make_finding(info(), Severity::Warning, coredns,
                             "CoreDNS cannot be relied on to have a replica on each side: " + list + ".");
    const Spreading b = spreading_of(base);
    const int32_t base_replicas = base.replicas.value_or(1);
    std::vector<model::WeightedPodAffinityTerm> terms;
    if (!b.hostname) terms.push_back(document_term(base, kHostnameLabel, 100));
    if (!b.zone) terms.push_back(document_term(base, kZoneLabel, 50));
    int32_t wanted = std::max(base_replicas, 2);
    if (terms.empty() && base_replicas >= 2) {
      f.fix_note = "The fix of the HN005 finding above (running replicas) covers this too.";
      ctx.findings.push_back(std::move(f));
      return;
    }
    model::Workload fixed = base;
    fixed.replicas = wanted;
    fixed.tmpl.spec = fix::with_preferred_anti_affinity(base.tmpl.spec, terms);
    std::optional<Guarantee> guarantee;
    std::string why_not;
    if (then_guarantee && no_guarantee(ctx, fixed)) guarantee = plan_guarantee(ctx, fixed, why_not);
    // The note names what the patch really adds: the terms `base` still
    // lacks (a zone spread from the fix above already covers the zone), and
    // the replicas only when they change.
    std::string added;
    for (const model::WeightedPodAffinityTerm& t : terms) {
      added += (added.empty() ? "" : ", ") + std::string(t.term.topology_key == kHostnameLabel ? "hostname" : "zone") +
               " weight " + std::to_string(t.weight);
    }
    const std::string anti_affinity = "the document's preferred podAntiAffinity (" + added + ")";
    if (guarantee && !terms.empty()) {
      std::string runs = guarantee->note;
      runs[0] = 'r';  // "Runs N replicas ..."
      f.fix_note = "Adds " + anti_affinity + " and " + runs;
    } else if (guarantee) {
      f.fix_note = guarantee->note;
    } else {
      std::string what = wanted != base_replicas ? "Sets " + std::to_string(wanted) + " replicas" : std::string();
      if (!terms.empty()) what += (what.empty() ? "Adds " : " and adds ") + anti_affinity;
      f.fix_note = what + (&base != &coredns ? ", on top of the fix of the HN005 finding above." : ".");
      if (!why_not.empty()) f.fix_note += " " + why_not;
    }
    const fix::ChartSource chart{kChart, cluster_name(ctx)};
    f.fixes.emplace_back(
        fix::SetReplicas{coredns.ref(), base.replicas, guarantee ? guarantee->replicas : wanted, chart});
    if (!terms.empty()) {
      f.fixes.emplace_back(
          fix::AddPreferredPodAntiAffinity{coredns.ref(), pod_spec_path(base), base.tmpl.spec, terms, chart});
    }
    if (guarantee) {
      f.fixes.emplace_back(
          fix::AddTopologySpread{coredns.ref(), pod_spec_path(base), base.tmpl.spec, guarantee->constraint, chart});
    }
    ctx.findings.push_back(std::move(f));
  }

  // (c)'s question: does `w`'s configuration spread without guaranteeing a
  // replica on each side? The message saying so, or nullopt.
  std::optional<std::string> no_guarantee(RuleContext& ctx, const model::Workload& w) const {
    if (spreading_of(w).zone_enforced) return std::nullopt;
    int32_t replicas = w.replicas.value_or(1);
    Zones zones = feasible_zones(ctx.snapshot, w.tmpl.spec);
    if (static_cast<size_t>(replicas) > zones.cloud.size()) return std::nullopt;
    const analysis::placement::ReplicaOdds& odds = ctx.analyses.replica_odds(w, kSimulationRuns);
    if (odds.guaranteed_both_sides) return std::nullopt;
    std::string message = "CoreDNS's " + std::to_string(replicas) +
                          " replicas are spread by preferred anti-affinity over " + std::to_string(zones.cloud.size()) +
                          " cloud zone(s) and " + std::to_string(zones.hybrid.size()) +
                          " on-premises zone(s), which guarantees nothing: placed from scratch, every replica lands "
                          "in the cloud in " +
                          percent(odds.all_in_cloud) + " of " + std::to_string(odds.runs) + " simulated placements";
    // Zero today means the nodes' scores (free capacity) decide, and they change.
    message += odds.all_in_cloud > 0 ? "." : ", but only today's node scores keep them apart, not the constraints.";
    return message;
  }

  // (c): the document's configuration, which spreads but does not guarantee.
  void report_no_guarantee(RuleContext& ctx, const model::Workload& coredns, const std::string& message) const {
    Finding f = make_finding(info(), Severity::Info, coredns, message);
    add_guarantee_fix(ctx, coredns, f);
    ctx.findings.push_back(std::move(f));
  }

  // One replica per zone, and how the simulation confirms it.
  struct Guarantee {
    model::TopologySpreadConstraint constraint;
    int32_t replicas = 0;
    std::string note;
    model::Workload fixed;  // `w` with both
  };

  // One replica per zone: a DoNotSchedule spread with maxSkew 1 over Z zones
  // and Z replicas leaves no zone empty, the on-premises ones included.
  // Hybrid nodes without a zone label count in the zone HN006's fix gives
  // them. nullopt, with `why_not` saying why, when no spread can do it.
  std::optional<Guarantee> plan_guarantee(RuleContext& ctx, const model::Workload& w, std::string& why_not) const {
    const model::Snapshot* snap = &ctx.snapshot;
    Zones zones = feasible_zones(*snap, w.tmpl.spec);
    std::string hybrid_zone;  // set when the plan counts on HN006's labels
    if (zones.unzoned_hybrid) {
      hybrid_zone = suggested_hybrid_zone(ctx.snapshot);
      snap = &ctx.analyses.with_hybrid_zones(hybrid_zone);
      zones = feasible_zones(*snap, w.tmpl.spec);
    }
    if (zones.hybrid.empty() || zones.cloud.empty()) {
      why_not = "No " + std::string(zones.hybrid.empty() ? "hybrid" : "cloud") +
                " node can run CoreDNS: " + blocker(*snap, w.tmpl.spec, zones.hybrid.empty()) + "; fix that first.";
      return std::nullopt;
    }
    Guarantee g;
    g.constraint = zone_spread(w);
    g.replicas = static_cast<int32_t>(zones.cloud.size() + zones.hybrid.size());
    g.fixed = w;
    g.fixed.replicas = g.replicas;
    if (!has_constraint(w.tmpl.spec, g.constraint))
      g.fixed.tmpl.spec = fix::with_topology_spread(w.tmpl.spec, g.constraint);
    const analysis::placement::ReplicaOdds& odds = ctx.analyses.replica_odds(g.fixed, kSimulationRuns, hybrid_zone);
    if (odds.both_sides < 1.0) {
      why_not = "No zone spread places a replica on each side here (the simulation puts both sides in " +
                percent(odds.both_sides) + " of " + std::to_string(odds.runs) +
                " simulated placements): the nodes CoreDNS tolerates lack the free capacity for one replica "
                "per zone.";
      return std::nullopt;
    }
    g.note = "Runs " + std::to_string(g.replicas) + " replicas, one per zone (" + std::to_string(zones.cloud.size()) +
             " cloud, " + std::to_string(zones.hybrid.size()) +
             " on premises), with a topology spread constraint on topology.kubernetes.io/zone (maxSkew 1, "
             "DoNotSchedule): every zone, and so each side, gets a replica — in all " +
             std::to_string(odds.runs) + " simulated placements" +
             (odds.guaranteed_both_sides ? ", and the constraints force it." : ".");
    if (!hybrid_zone.empty()) {
      g.note += " It counts on the hybrid nodes labelled topology.kubernetes.io/zone=" + hybrid_zone +
                " (HN006's fix): apply that first.";
    }
    return g;
  }

  // Gives `f` the guarantee's fix (or says why there is none).
  // Returns CoreDNS as its fix leaves it, when the finding carries one.
  std::optional<model::Workload> add_guarantee_fix(RuleContext& ctx, const model::Workload& coredns, Finding& f) const {
    std::string why_not;
    std::optional<Guarantee> g = plan_guarantee(ctx, coredns, why_not);
    if (!g) {
      f.fix_note += (f.fix_note.empty() ? "" : " ") + why_not;
      return std::nullopt;
    }
    if (coredns.replicas.value_or(1) == g->replicas && has_constraint(coredns.tmpl.spec, g->constraint)) {
      // The configuration already guarantees it: the replicas seen predate it.
      f.fix_note = "CoreDNS's configuration already runs " + std::to_string(g->replicas) +
                   " replicas, one per zone: the replicas seen were placed before it; restart the rollout "
                   "(kubectl -n kube-system rollout restart deployment/coredns).";
      return std::nullopt;
    }
    const fix::ChartSource chart{kChart, cluster_name(ctx)};
    f.fixes.emplace_back(fix::SetReplicas{coredns.ref(), coredns.replicas, g->replicas, chart});
    f.fixes.emplace_back(
        fix::AddTopologySpread{coredns.ref(), pod_spec_path(coredns), coredns.tmpl.spec, g->constraint, chart});
    f.fix_note = g->note;
    return g->fixed;
  }

  static std::string cluster_name(RuleContext& ctx) {
    return ctx.snapshot.cluster_info ? ctx.snapshot.cluster_info->name : "";
  }

  // Why no node of one environment passes CoreDNS's static filters: the real
  // blocker (a cordon or drain, a taint it does not tolerate), named.
  static std::string blocker(const model::Snapshot& snapshot, const model::PodSpec& spec, bool hybrid) {
    size_t nodes = 0, cordoned = 0;
    std::string taint;
    for (const model::Node& n : snapshot.nodes) {
      if (n.is_hybrid() != hybrid) continue;
      ++nodes;
      if (n.unschedulable) {
        ++cordoned;
        continue;
      }
      std::vector<model::Toleration> tolerations(spec.tolerations.begin(), spec.tolerations.end());
      if (const model::Taint* t = k8s::first_untolerated_filtering_taint(tolerations, n.taints); t && taint.empty()) {
        taint = t->key + (t->value.empty() ? "" : "=" + t->value) + ":" + t->effect;
      }
    }
    if (nodes == 0) return std::string("there is no ") + (hybrid ? "hybrid" : "cloud") + " node";
    if (cordoned == nodes) return "every one is cordoned or drained";
    if (!taint.empty()) return "they carry the taint " + taint + ", which CoreDNS does not tolerate";
    return "its nodeSelector or required node affinity excludes them";
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn005_coredns_coverage() { return std::make_unique<CorednsCoverage>(); }

}  // namespace hybridctl::rules
