// HN013: with an unroutable pod network, an ADOT / OpenTelemetry collector
// scraping Prometheus targets must run on hybrid nodes and keep only hybrid
// targets — the source document's recommendation.
#include "analysis/feasibility.h"
#include "analysis/otel_scrape.h"
#include "rules/registry.h"
#include "rules/rule_helpers.h"

namespace hybridctl::rules {
namespace {

std::string describe_check(const analysis::ScrapeConfigCheck& c) {
  return c.receiver + " scrape config " + (c.job_name.empty() ? "#" + std::to_string(c.index) : "'" + c.job_name + "'");
}

class AdotCollectorPlacement final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo i{
        .id = "HN013",
        .name = "adot-collector-placement",
        .default_severity = Severity::Warning,
        .severity = "warning; info when routability is only unknown, or when a string spec.config is not YAML",
        .fires_when =
            "With an unroutable pod network, an OpenTelemetryCollector scraping Prometheus targets (kubernetes_sd "
            "scrape configs of a prometheus receiver used in a pipeline; role node alone targets node IPs, which are "
            "routable, and is not checked) is not pinned to hybrid nodes (eks.amazonaws.com/compute-type In "
            "[hybrid]), or one of its scrape configs lacks the relabel rule action: keep, regex: hybrid, "
            "source_labels: [__meta_kubernetes_node_label_eks_amazonaws_com_compute_type] (for role pod / endpoints "
            "discovery the node labels exist only with attach_metadata: {node: true}). A string spec.config that is "
            "not "
            "YAML is reported, with its position in the string, as not checked.",
        .rationale =
            "Hybrid pods cannot be scraped from the cloud when their pod CIDR is not routable: the document runs an "
            "ADOT collector on the hybrid nodes that keeps only hybrid targets, and leaves the rest to the managed "
            "collector. The keep rule reads a node label that Prometheus attaches to pod and endpoints targets only "
            "when attach_metadata.node is set; without it the rule drops every target.",
        .fix =
            "A JSON patch of the OpenTelemetryCollector: compute-type In [hybrid] in spec.affinity, and per scrape "
            "config the keep rule plus attach_metadata where needed (a string spec.config is replaced by the "
            "rewritten configuration).",
        .reads = {Input::Node, Input::Pod, Input::ConfigMap, Input::OpenTelemetryCollector, Input::CniPodPools,
                  Input::BgpAdvertisements, Input::DescribeCluster},
    };
    return i;
  }

  void check(RuleContext& ctx) const override {
    if (ctx.snapshot.has_nodes() && !ctx.analyses.has_hybrid_nodes()) return;
    const auto& routability = ctx.analyses.routability();
    model::PodNetwork net = routability.cluster_wide();
    if (net == model::PodNetwork::Routable) return;
    for (const model::OpenTelemetryCollector& c : ctx.snapshot.otel_collectors) {
      if (c.mode == "sidecar") continue;  // runs inside other pods: nothing of its own to pin
      if (!c.config.parse_error.empty()) {
        report_unreadable_config(ctx, c, net, routability);
        continue;
      }
      analysis::CollectorScrapes scrapes = analysis::analyse_collector_scrapes(c);
      if (scrapes.scrape_configs.empty()) continue;
      model::PodSpec placement;
      placement.node_selector = c.node_selector;
      placement.affinity = c.affinity;
      bool pinned = !analysis::feasible_in(ctx.snapshot, placement, model::Environment::Cloud);
      std::vector<std::string> problems;
      if (!pinned) problems.push_back("it is not pinned to hybrid nodes");
      for (const analysis::ScrapeConfigCheck& s : scrapes.scrape_configs) {
        if (!s.node_labels_possible) continue;  // service/ingress targets have no node to filter on
        if (!s.has_keep_rule) problems.push_back(describe_check(s) + " lacks the hybrid keep rule");
        if (!s.sd_configs_needing_node_metadata.empty()) {
          problems.push_back(describe_check(s) + " discovers pods or endpoints without attach_metadata: {node: true}");
        }
      }
      if (problems.empty()) continue;
      std::string message = describe(c) + " scrapes Prometheus targets while hybrid pods are not routable, but ";
      for (size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
      Severity sev = severity_for_pod_network(Severity::Warning, net);
      if (net == model::PodNetwork::Unknown) message += unconfirmed_routability(routability.reason());
      Finding f = make_finding(info(), sev, c, message + ".");
      if (!pinned && !analysis::feasible_in(ctx.snapshot, placement, model::Environment::Hybrid)) {
        f.fix_note =
            "No hybrid node passes the collector's other constraints (nodeSelector, affinity): fix them before "
            "pinning it to hybrid nodes.";
      } else {
        if (!pinned) {
          // The CR's spec.affinity sits where a PodSpec's does under "/spec".
          fix::RequireNodeAffinity pin;
          pin.target = c.ref();
          pin.template_path = "/spec";
          pin.spec.affinity = c.affinity;
          pin.key = model::kComputeTypeLabel;
          pin.op = "In";
          pin.values = {"hybrid"};
          f.fixes.emplace_back(std::move(pin));
        }
        f.fixes.emplace_back(fix::AddScrapeKeepRule{c.ref(), scrapes});
        // Say "pins" only when the patch does: a collector already kept on hybrid nodes gets the keep rule alone.
        f.fix_note = std::string(pinned ? "Adds" : "Pins the collector to hybrid nodes and adds") +
                     " the document's keep rule (and attach_metadata: {node: true} for pod and endpoints discovery) "
                     "to each scrape config; cloud targets are left to the managed collector or a cloud-side "
                     "collector.";
      }
      ctx.findings.push_back(std::move(f));
    }
  }

 private:
  // A string spec.config that is not YAML: the collector's operator would
  // refuse it, and nothing in it can be checked; say so rather than stay
  // silent about a collector that may scrape hybrid pods.
  void report_unreadable_config(RuleContext& ctx, const model::OpenTelemetryCollector& c, model::PodNetwork net,
                                const analysis::Routability& routability) const {
    const model::CollectorScrapeConfigs& config = c.config;
    std::string message = describe(c) + "'s spec.config is a string that is not YAML (line " +
                          std::to_string(config.parse_error_at.line) + ", column " +
                          std::to_string(config.parse_error_at.column) + " of the string: " + config.parse_error +
                          "), so whether it scrapes hybrid targets without the keep rule could not be checked";
    if (net == model::PodNetwork::Unknown) message += unconfirmed_routability(routability.reason());
    Finding f = make_finding(info(), Severity::Info, c, message + ".");
    f.fix_note = "Fix the YAML of spec.config, then audit again.";
    ctx.findings.push_back(std::move(f));
  }
};

}  // namespace

std::unique_ptr<Rule> make_hn013_adot_collector_placement() { return std::make_unique<AdotCollectorPlacement>(); }

}  // namespace hybridctl::rules
