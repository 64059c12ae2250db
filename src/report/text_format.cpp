// `-o text` (the default): what a person reads in a terminal.
#include "report/formats.h"
#include "report/text_report.h"
#include "report/webhooks_text.h"

namespace hybridctl::report {
namespace {

class TextSimulation : public SimulationRenderer {
 public:
  void placements(const PlacementReport& placement, std::ostream& out) override {
    write_placements_text(placement, out);
    out << "\n";
  }
  void audit(const AuditReport& audit, const RenderOptions& options, std::ostream& out) override {
    out << render_text(audit, options);
  }
};

}  // namespace

const Format& text_format() {
  static const Format format{
      .name = "text",
      .audit = render_text,
      .clusters = render_clusters_text,
      .simulation = []() -> std::unique_ptr<SimulationRenderer> { return std::make_unique<TextSimulation>(); },
      .traffic = render_traffic_text,
      .webhooks = [](const WebhooksInput& in, const RenderOptions& o) { return render_webhooks_text(in, o.color); },
  };
  return format;
}

}  // namespace hybridctl::report
