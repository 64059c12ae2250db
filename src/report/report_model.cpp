#include "report/report_model.h"

namespace hybridctl::report {
namespace {

ClusterSummary summarise_cluster(const model::Snapshot& s, analysis::Analyses& analyses) {
  ClusterSummary c;
  if (!s.facts.kubernetes_version.empty()) {
    c.kubernetes_version = s.facts.kubernetes_version;
  } else if (s.cluster_info) {
    c.kubernetes_version = s.cluster_info->kubernetes_version;
  }
  for (const model::Node& n : s.nodes) {
    (n.is_hybrid() ? c.hybrid_nodes : c.cloud_nodes)++;
    if (!n.zone().empty()) c.zones[std::string(n.zone())] = model::environment_name(n.environment());
  }
  c.pod_network = analyses.routability().cluster_wide();
  c.pod_network_reason = analyses.routability().reason();
  return c;
}

}  // namespace

AuditReport build_audit_report(const model::Snapshot& snapshot, analysis::Analyses& analyses, rules::AuditResult audit,
                               const Diagnostics& diagnostics) {
  AuditReport r;
  r.cluster = summarise_cluster(snapshot, analyses);
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.level == Diagnostic::Level::Error) r.errors.push_back({d.where, d.message});
    if (d.level == Diagnostic::Level::Note) r.input_notes.push_back(d.format());
  }
  r.notes = std::move(audit.notes);
  r.suppressed_by_annotation = audit.suppressed_by_annotation;
  r.suppressed_by_baseline = audit.suppressed_by_baseline;
  r.findings.reserve(audit.findings.size());
  for (rules::Finding& f : audit.findings) {
    ReportedFinding rf{.finding = std::move(f), .source = std::nullopt, .fix = {}};
    rf.fix = fix::render(rf.finding);
    const model::Origin& o = rf.finding.origin;
    if (o.file < snapshot.files.size()) rf.source = SourceLine{snapshot.files[o.file], int64_t{o.line}};
    r.findings.push_back(std::move(rf));
  }
  return r;
}

void drop_baselined(AuditReport& report, const Baseline& baseline) {
  report.suppressed_by_baseline +=
      std::erase_if(report.findings, [&](const ReportedFinding& f) { return baseline.contains(f.finding); });
}

}  // namespace hybridctl::report
