// `-o json`: the documents CLI.md specifies, for scripts and CI.
#include "core/json_writer.h"
#include "report/formats.h"
#include "report/json_report.h"
#include "report/webhooks_json.h"

namespace hybridctl::report {
namespace {

// {"workloads": [...], "findings": [...]}: pretty-printed, but the findings
// array on one line, as simulate has always written it.
class JsonSimulation : public SimulationRenderer {
 public:
  void placements(const PlacementReport& placement, std::ostream& out) override {
    json_.begin_object().key("workloads");
    write_placements_json(json_, placement, out);
  }
  void audit(const AuditReport& audit, const RenderOptions&, std::ostream& out) override {
    JsonWriter findings;
    write_findings_json(findings, audit.findings);
    json_.key("findings").raw(findings.str());
    json_.end_object();
    json_.write_to(out);
    out << "\n";
  }

 private:
  JsonWriter json_{2};
};

}  // namespace

const Format& json_format() {
  static const Format format{
      .name = "json",
      .audit = [](const AuditReport& audit, const RenderOptions&) { return render_json(audit); },
      .clusters = render_clusters_json,
      .simulation = []() -> std::unique_ptr<SimulationRenderer> { return std::make_unique<JsonSimulation>(); },
      .traffic = render_traffic_json,
      .webhooks = [](const WebhooksInput& in, const RenderOptions&) { return render_webhooks_json(in); },
  };
  return format;
}

}  // namespace hybridctl::report
