// The output formats behind `-o`: one entry per format, its name and its
// renderer for each report it can lay out (null: the format does not
// render that report). A command offers exactly the formats that render its
// report, so adding a format (SARIF, JUnit, a PolicyReport, HTML) is one
// file defining its entry and one line in formats.cpp; no command changes.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/clusters_report.h"
#include "report/placement_report.h"
#include "report/report_model.h"
#include "report/traffic_report.h"
#include "report/webhooks_input.h"

namespace hybridctl::report {

// `simulate`'s document in two parts: the placement, streamed as it is
// written (it is released before the audit of the placed cluster runs),
// then that audit.
class SimulationRenderer {
 public:
  virtual ~SimulationRenderer() = default;
  virtual void placements(const PlacementReport& placement, std::ostream& out) = 0;
  virtual void audit(const AuditReport& audit, const RenderOptions& options, std::ostream& out) = 0;
};

struct Format {
  std::string_view name;
  std::string (*audit)(const AuditReport&, const RenderOptions&) = nullptr;
  // Several clusters' audits (each rendered by `audit`) in one document;
  // a format with `audit` has this too.
  std::string (*clusters)(const std::vector<ClusterReport>&) = nullptr;
  std::unique_ptr<SimulationRenderer> (*simulation)() = nullptr;
  std::string (*traffic)(const TrafficReport&) = nullptr;
  std::string (*webhooks)(const WebhooksInput&, const RenderOptions&) = nullptr;
};

// One function per format file.
const Format& text_format();
const Format& json_format();

// Every format, the default (text) first.
const std::vector<const Format*>& formats();
// nullptr when no format has that name.
const Format* find_format(std::string_view name);

// The names of the formats that have `renderer` (`&Format::traffic`, ...),
// in registry order: what a command's `-o` accepts.
template <class Renderer>
std::vector<std::string> format_names(Renderer Format::*renderer) {
  std::vector<std::string> out;
  for (const Format* f : formats()) {
    if (f->*renderer) out.emplace_back(f->name);
  }
  return out;
}

}  // namespace hybridctl::report
