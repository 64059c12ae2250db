// HN008: Cilium runs on hybrid nodes without service topology while Services
// ask for topology-aware routing — Cilium then ignores the EndpointSlice hints.
#include <optional>

#include "analysis/cni.h"
#include "analysis/feasibility.h"
#include "k8s/traffic_distribution.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

constexpr const char* kKey = "enable-service-topology";

// trafficDistribution, or the topology annotation set to Auto (src/k8s
// knows which of the two annotations the controller reads).
bool uses_topology(const model::Service& s) {
  return !s.traffic_distribution.empty() || k8s::topology_annotation_enabled(s.meta.annotations);
}

// Cilium runs on hybrid nodes: its agent DaemonSet fits one, or a hybrid
// node already has a CiliumNode (the agent registered it).
bool cilium_on_hybrid(const model::Snapshot& snapshot, const model::Workload* agent) {
  if (agent && analysis::feasible_in(snapshot, agent->tmpl.spec, model::Environment::Hybrid)) return true;
  for (const model::CiliumNode& cn : snapshot.cilium_nodes) {
    const model::Node* n = snapshot.node(cn.meta.name);
    if (n && n->is_hybrid()) return true;
  }
  return false;
}

std::string restart_command(std::string_view ns) {
  return "kubectl -n " + std::string(ns) + " rollout restart ds/cilium";
}

class CiliumServiceTopology final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN008",
        .name = "cilium-service-topology",
        .default_severity = Severity::Error,
        .severity = "error",
        .fires_when =
            "Cilium runs on hybrid nodes and kube-system/cilium-config does not set enable-service-topology: "
            "\"true\" while some Service uses trafficDistribution or topology-mode (whatever kube-proxy-replacement "
            "says). Reported on the ConfigMap, or on the cilium DaemonSet when the ConfigMap is not in the input.",
        .rationale =
            "Cilium's service load balancing honours EndpointSlice hints only with enable-service-topology; without "
            "it, traffic the Services meant to keep in its zone crosses between on-premises and the cloud. The "
            "agents read the setting at start, so they must be restarted after the change.",
        .fix =
            "Helm --set loadBalancer.serviceTopology=true, or cilium config set enable-service-topology true, then "
            "kubectl -n kube-system rollout restart ds/cilium.",
        .reads = {Input::Node, Input::DaemonSet, Input::Service, Input::ConfigMap, Input::CniPodPools},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    const model::Workload* agent = analysis::cilium_agent(ctx.snapshot);
    std::string ns = agent ? agent->meta.ns : "kube-system";
    const model::ConfigMap* config = ctx.snapshot.config_map(ns, "cilium-config");
    if (!agent && !config) return;
    if (!cilium_on_hybrid(ctx.snapshot, agent)) return;
    if (config && config->data.get(kKey) == "true") return;
    std::string services;
    size_t count = 0;
    for (const model::Service& s : ctx.snapshot.services) {
      if (!uses_topology(s)) continue;
      if (count++ < 3) services += (services.empty() ? "" : ", ") + s.meta.ns + "/" + s.meta.name;
    }
    if (count == 0) return;
    if (count > 3) services += " and " + std::to_string(count - 3) + " more";
    std::string message =
        "Cilium runs on hybrid nodes without enable-service-topology, so it ignores the "
        "topology hints of " +
        services + " and sends their traffic across environments";
    if (config) {
      std::string_view current = config->data.get(kKey);
      if (config->data.contains(kKey)) message += " (cilium-config sets it to \"" + std::string(current) + "\")";
      Finding f = make_finding(info(), Severity::Error, *config, message + ".");
      add_config_map_fix(*config, f);
      ctx.findings.push_back(std::move(f));
    } else {
      Finding f = make_finding(info(), Severity::Error, *agent,
                               message + " (cilium-config is not in the input; the agent defaults to false).");
      f.fixes.push_back(fix::RunCommand{"cilium config set " + std::string(kKey) + " true"});
      f.fixes.push_back(fix::RunCommand{restart_command(ns)});
      f.fix_note =
          "Set enable-service-topology in cilium-config (Helm: loadBalancer.serviceTopology=true), "
          "then "
          "restart the agents: they read the setting only at start.";
      ctx.findings.push_back(std::move(f));
    }
  }

 private:
  static void add_config_map_fix(const model::ConfigMap& config, Finding& f) {
    std::optional<std::string> current;
    if (config.data.contains(kKey)) current = std::string(config.data.get(kKey));
    // Helm renders cilium-config from the chart's values (charts/cilium).
    f.fixes.emplace_back(fix::SetConfigKey{config.ref(), kKey, current, "true", "cilium"});
    f.fixes.push_back(fix::RunCommand{restart_command(config.meta.ns)});
    f.fix_note =
        "Sets enable-service-topology: \"true\" (Helm: --set loadBalancer.serviceTopology=true, or "
        "cilium config set enable-service-topology true), then restarts the agents, which read it "
        "only at "
        "start.";
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn008_cilium_service_topology() { return std::make_unique<CiliumServiceTopology>(); }

}  // namespace hybridctl::rules
