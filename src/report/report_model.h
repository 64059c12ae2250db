// The report model: what every renderer of an audit reads, built once after
// the rules ran and const from then on. Renderers get this, never the
// snapshot or the mutable Analyses, so none can start a computation or
// decide anything; a new format is one renderer over it (report/formats.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyses.h"
#include "core/diagnostic.h"
#include "fix/render.h"
#include "report/baseline.h"
#include "report/rule_catalogue.h"
#include "rules/engine.h"

namespace hybridctl::report {

// What a user asks of any rendering (the common flags); a format that has
// no use for one ignores it.
struct RenderOptions {
  bool color = false;  // text on a terminal
  bool all = false;    // --all / -v: never group
};

// The cluster as the report's header describes it.
struct ClusterSummary {
  std::string kubernetes_version;  // "" when neither the flag nor describe-cluster says
  int64_t cloud_nodes = 0;
  int64_t hybrid_nodes = 0;
  std::map<std::string, std::string> zones;  // zone -> environment ("cloud", "hybrid")
  model::PodNetwork pod_network = model::PodNetwork::Unknown;
  std::string pod_network_reason;  // why routability decided so
};

struct SourceLine {
  std::string file;
  int64_t line = 0;
};

// A finding with its fix rendered for the object's manager (fix/render).
struct ReportedFinding {
  rules::Finding finding;
  std::optional<SourceLine> source;  // none for synthesised objects
  fix::RenderedFix fix;
};

struct InputError {
  Location where;
  std::string message;
};

struct AuditReport {
  ClusterSummary cluster;
  std::vector<InputError> errors;         // the input's errors
  std::vector<std::string> input_notes;   // the input's notes, formatted FILE:LINE:COL: message
  std::vector<std::string> notes;         // the run's: rules that needed nodes, inputs they were blind to
  std::vector<ReportedFinding> findings;  // in the engine's order (CLI.md)
  size_t suppressed_by_annotation = 0;
  size_t suppressed_by_baseline = 0;
  const std::vector<RuleMetadata>* rules = &rule_catalogue();
};

// Reads what the report shows out of the run (the routability verdict is
// memoised in `analyses`; the rules have usually asked for it already).
AuditReport build_audit_report(const model::Snapshot& snapshot, analysis::Analyses& analyses, rules::AuditResult audit,
                               const Diagnostics& diagnostics);

// Drops the findings `baseline` holds and counts them.
void drop_baselined(AuditReport& report, const Baseline& baseline);

}  // namespace hybridctl::report
