// HN010: an AWS load balancer sends traffic to backends on hybrid nodes whose
// pod network the VPC cannot route to.
#include <set>

#include "analysis/ownership.h"
#include "analysis/service_workloads.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

// One load balancer (target group) and the Service whose endpoints it targets.
struct LoadBalancerTarget {
  const model::ObjectBase* lb;
  const model::Service* service;
  bool ip_targets;
};

bool is_alb_ingress(const model::Ingress& ing) {
  if (ing.ingress_class == "alb" || ing.meta.annotations.get("kubernetes.io/ingress.class") == "alb") return true;
  // The controller's own annotations say which controller the Ingress is written for.
  for (const auto& [key, value] : ing.meta.annotations) {
    if (key.starts_with("alb.ingress.kubernetes.io/")) return true;
  }
  return false;
}

// NLB IP mode: the nlb-target-type annotation, or the legacy "nlb-ip" type.
bool service_uses_ip_targets(const model::Service& s) {
  return s.meta.annotations.get("service.beta.kubernetes.io/aws-load-balancer-nlb-target-type") == "ip" ||
         s.meta.annotations.get("service.beta.kubernetes.io/aws-load-balancer-type") == "nlb-ip";
}

std::vector<LoadBalancerTarget> load_balancer_targets(const model::Snapshot& snapshot) {
  std::vector<LoadBalancerTarget> out;
  for (const model::Service& s : snapshot.services) {
    if (s.type == "LoadBalancer") out.push_back({&s, &s, service_uses_ip_targets(s)});
  }
  for (const model::Ingress& ing : snapshot.ingresses) {
    if (!is_alb_ingress(ing)) continue;
    std::set<std::string> seen;
    for (const model::IngressBackend& b : ing.backends) {
      if (!seen.insert(b.service_name).second) continue;
      const model::Service* s = snapshot.service(ing.meta.ns, b.service_name);
      if (!s) continue;
      // The AWS Load Balancer Controller reads target-type from the Service first, then the Ingress
      // (its IngressClassParams may also set it; absent both, ALB targets are instances).
      std::string_view type = s->meta.annotations.get(
          "alb.ingress.kubernetes.io/target-type", ing.meta.annotations.get("alb.ingress.kubernetes.io/target-type"));
      out.push_back({&ing, s, type == "ip"});
    }
  }
  for (const model::TargetGroupBinding& t : snapshot.target_group_bindings) {
    const model::Service* s = snapshot.service(t.meta.ns, t.service_name);
    if (s) out.push_back({&t, s, t.target_type == "ip"});
  }
  return out;
}

class LoadBalancerTargets final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN010",
        .name = "load-balancer-targets",
        .default_severity = Severity::Error,
        .severity = "error; warning when routability is only unknown",
        .fires_when =
            "An AWS load balancer reaches backends on hybrid nodes (or backends that may be placed there) whose pod "
            "network is not routable from the VPC: IP targets (NLB target type ip, ALB target-type ip, "
            "TargetGroupBinding targetType ip) need the pod IPs routable; instance targets (the ALB default, NLB/CLB "
            "without ip mode) send NodePort traffic from cloud nodes to hybrid pod IPs.",
        .rationale =
            "The load balancer lives in the VPC: with IP targets it connects to the pod IPs themselves; with "
            "instance targets it connects to cloud nodes' NodePorts (hybrid nodes cannot be instance targets) and "
            "kube-proxy forwards east-west to the hybrid pod IPs. Either way the VPC needs a route to the on-prem "
            "pod CIDR, or the connections time out.",
        .fix =
            "Make the on-prem pod CIDR routable from the VPC (route tables / BGP to the on-prem router), or keep "
            "those backends on cloud nodes (required nodeAffinity eks.amazonaws.com/compute-type NotIn [hybrid]).",
        .reads = {Input::Node, Input::Pod, Input::Workloads, Input::DaemonSet, Input::Service, Input::EndpointSlice,
                  Input::Namespace, Input::ConfigMap, Input::Ingress, Input::TargetGroupBinding, Input::CniPodPools,
                  Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (ctx.snapshot.has_nodes() && !ctx.analyses.mixed()) return;
    const auto& routability = ctx.analyses.routability();
    const auto& reachability = ctx.analyses.reachability();
    for (const LoadBalancerTarget& t : load_balancer_targets(ctx.snapshot)) {
      std::string why;
      model::PodNetwork net = model::PodNetwork::Routable;
      std::string unknown_why;
      std::vector<const model::Workload*> workloads;
      // Observed: ready endpoints on hybrid nodes, with or without their Pod in the input.
      for (const analysis::ServiceEndpoint& e : ctx.analyses.ready_endpoints(*t.service).endpoints) {
        if (e.location.environment != analysis::EndpointEnvironment::Hybrid) continue;
        analysis::Reach reach = reachability.of_endpoint(e);
        if (reach.reachable()) continue;
        if (why.empty()) {
          why = e.pod && e.location.node
                    ? "has ready pod " + e.pod->meta.name + " on hybrid node " + e.location.node->meta.name
                    : "has ready endpoint " + e.describe();
        }
        if (net != model::PodNetwork::Unroutable) {
          net = reach.network;
          unknown_why = reach.why;
        }
        const model::Workload* w = e.pod ? analysis::workload_of_pod(ctx.snapshot, *e.pod) : nullptr;
        if (w && std::find(workloads.begin(), workloads.end(), w) == workloads.end()) workloads.push_back(w);
      }
      // Offline (or not yet there): workloads that may be placed on hybrid nodes.
      if (routability.cluster_wide() != model::PodNetwork::Routable) {
        for (const model::Workload* w : ctx.analyses.selected_workloads().of(*t.service)) {
          if (!ctx.analyses.placeable_sides(*w).hybrid) continue;
          if (std::find(workloads.begin(), workloads.end(), w) != workloads.end()) continue;
          // hostNetwork backends are reached at their nodes' IPs.
          analysis::Reach reach = reachability.of_template_on_hybrid(w->tmpl.spec);
          if (reach.reachable()) continue;
          workloads.push_back(w);
          if (why.empty()) {
            why = "is served by " + describe(*w) + ", which nothing keeps off hybrid nodes";
            net = reach.network;
            unknown_why = reach.why;
          }
        }
      }
      if (why.empty()) continue;
      std::string target = t.service == t.lb ? "" : " (backend Service " + t.service->meta.name + ")";
      std::string message =
          describe(*t.lb) + target + " uses " + (t.ip_targets ? "IP" : "instance") + " targets and " + why;
      if (t.ip_targets) {
        message += "; the load balancer connects to pod IPs the VPC cannot route to";
      } else if (t.service->external_traffic_policy == "Local") {
        // kube-proxy then forwards only to endpoints on its own node: nothing
        // crosses, but the hybrid replicas can never be reached.
        message +=
            "; with externalTrafficPolicy: Local a cloud node forwards only to its own endpoints and its health "
            "check node port reports it unhealthy without one, while hybrid nodes cannot be instance targets: the "
            "hybrid replicas get no load balancer traffic, and when no cloud node has a ready endpoint every "
            "target fails its health check";
      } else {
        message +=
            "; cloud nodes forward its NodePort traffic to hybrid pod IPs the VPC cannot route to (hybrid nodes "
            "cannot be instance targets)";
      }
      Severity sev = severity_for_pod_network(Severity::Error, net);
      if (net == model::PodNetwork::Unknown) message += unconfirmed_routability(unknown_why);
      Finding f = make_finding(info(), sev, *t.lb, message + ".");
      for (const model::Workload* w : workloads) add_keep_in_cloud_fix(ctx.analyses, *w, f);
      ctx.findings.push_back(std::move(f));
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn010_load_balancer_targets() { return std::make_unique<LoadBalancerTargets>(); }

}  // namespace hybridctl::rules
