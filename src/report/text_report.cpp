#include "report/text_report.h"

namespace hybridctl::report {
namespace {

const char* color_of(rules::Severity s) {
  switch (s) {
    case rules::Severity::Critical:
      return "\033[1;35m";
    case rules::Severity::Error:
      return "\033[1;31m";
    case rules::Severity::Warning:
      return "\033[1;33m";
    case rules::Severity::Info:
      return "\033[1;36m";
  }
  return "";
}

std::string object_name(const model::ObjectRef& r) { return r.kind + " " + (r.ns.empty() ? "" : r.ns + "/") + r.name; }

void append_finding(std::string& out, const ReportedFinding& rf) {
  const rules::Finding& f = rf.finding;
  out += "  " + f.rule + "  " + object_name(f.object);
  if (rf.source) out += "  (" + rf.source->file + ":" + std::to_string(rf.source->line) + ")";
  out += "\n      " + f.message + "\n";
  const fix::RenderedFix& fx = rf.fix;
  for (const auto& k : fx.kubectl) out += "      fix: " + k + "\n";
  if (fx.helm_values != "{}") out += "      helm values: " + fx.helm_values + "\n";
  if (!fx.note.empty()) out += "      note: " + fx.note + "\n";
}

// One line for a rule's findings of one severity: the count, the first
// objects and one message as an example.
void append_group(std::string& out, const std::vector<const ReportedFinding*>& group) {
  const rules::Finding& first = group.front()->finding;
  out += "  " + first.rule + "  " + std::to_string(group.size()) + " findings: ";
  for (size_t i = 0; i < group.size() && i < kGroupShows; ++i) {
    out += (i ? ", " : "") + object_name(group[i]->finding.object);
  }
  if (group.size() > kGroupShows) out += " and " + std::to_string(group.size() - kGroupShows) + " more";
  out += " (--all lists each)\n      e.g. " + first.message + "\n";
}

std::string suppressed_text(const AuditReport& audit) {
  std::string out;
  if (audit.suppressed_by_annotation) {
    out += std::to_string(audit.suppressed_by_annotation) + " by the hybridctl/ignore annotation";
  }
  if (audit.suppressed_by_baseline) {
    out += (out.empty() ? "" : ", ") + std::to_string(audit.suppressed_by_baseline) + " by --baseline";
  }
  return out.empty() ? out : " (suppressed: " + out + ")";
}

}  // namespace

std::string render_text(const AuditReport& in, const RenderOptions& options) {
  std::string out;
  const bool color = options.color;
  const char* reset = color ? "\033[0m" : "";
  out += "Cluster: " + std::to_string(in.cluster.cloud_nodes) + " cloud and " +
         std::to_string(in.cluster.hybrid_nodes) + " hybrid nodes, pod network " +
         model::pod_network_name(in.cluster.pod_network) + " (" + in.cluster.pod_network_reason + ")\n";
  for (const auto& n : in.notes) out += "note: " + n + "\n";
  int counts[4] = {0, 0, 0, 0};
  for (int sev = 3; sev >= 0; --sev) {
    bool header = false;
    // Findings are sorted by severity then rule: a rule's findings of one severity are adjacent.
    std::vector<const ReportedFinding*> group;
    auto flush = [&] {
      if (group.empty()) return;
      if (options.all || group.size() <= kGroupAbove) {
        for (const ReportedFinding* f : group) append_finding(out, *f);
      } else {
        append_group(out, group);
      }
      group.clear();
    };
    for (const ReportedFinding& rf : in.findings) {
      const rules::Finding& f = rf.finding;
      if (static_cast<int>(f.severity) != sev) continue;
      counts[sev]++;
      if (!header) {
        out +=
            std::string("\n") + (color ? color_of(f.severity) : "") + rules::severity_name(f.severity) + reset + "\n";
        header = true;
      }
      if (!group.empty() && group.front()->finding.rule != f.rule) flush();
      group.push_back(&rf);
    }
    flush();
  }
  out += "\n" + std::to_string(in.findings.size()) + " findings: " + std::to_string(counts[3]) + " critical, " +
         std::to_string(counts[2]) + " error, " + std::to_string(counts[1]) + " warning, " + std::to_string(counts[0]) +
         " info" + suppressed_text(in) + "\n";
  return out;
}

}  // namespace hybridctl::report
