#include "report/text_report.h"

#include "fix/render.h"

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

void append_finding(std::string& out, const rules::Finding& f, const model::Snapshot& s) {
  out += "  " + f.rule + "  " + object_name(f.object);
  if (f.origin.file < s.files.size()) out += "  (" + s.files[f.origin.file] + ":" + std::to_string(f.origin.line) + ")";
  out += "\n      " + f.message + "\n";
  fix::RenderedFix fx = fix::render(f);
  for (const auto& k : fx.kubectl) out += "      fix: " + k + "\n";
  if (fx.helm_values != "{}") out += "      helm values: " + fx.helm_values + "\n";
  if (!fx.note.empty()) out += "      note: " + fx.note + "\n";
}

// One line for a rule's findings of one severity: the count, the first
// objects and one message as an example.
void append_group(std::string& out, const std::vector<const rules::Finding*>& group) {
  const rules::Finding& first = *group.front();
  out += "  " + first.rule + "  " + std::to_string(group.size()) + " findings: ";
  for (size_t i = 0; i < group.size() && i < kGroupShows; ++i) {
    out += (i ? ", " : "") + object_name(group[i]->object);
  }
  if (group.size() > kGroupShows) out += " and " + std::to_string(group.size() - kGroupShows) + " more";
  out += " (--all lists each)\n      e.g. " + first.message + "\n";
}

std::string suppressed_text(const rules::AuditResult& audit) {
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

std::string render_text(const ReportInput& in, const TextOptions& options) {
  std::string out;
  const bool color = options.color;
  const char* reset = color ? "\033[0m" : "";
  const auto& s = in.snapshot;
  int cloud = 0, hybrid = 0;
  for (const auto& n : s.nodes) (n.is_hybrid() ? hybrid : cloud)++;
  out += "Cluster: " + std::to_string(cloud) + " cloud and " + std::to_string(hybrid) + " hybrid nodes, pod network " +
         model::pod_network_name(in.analyses.routability().cluster_wide()) + " (" + in.analyses.routability().reason() +
         ")\n";
  for (const auto& n : in.audit.notes) out += "note: " + n + "\n";
  int counts[4] = {0, 0, 0, 0};
  for (int sev = 3; sev >= 0; --sev) {
    bool header = false;
    // Findings are sorted by severity then rule: a rule's findings of one severity are adjacent.
    std::vector<const rules::Finding*> group;
    auto flush = [&] {
      if (group.empty()) return;
      if (options.all || group.size() <= kGroupAbove) {
        for (const rules::Finding* f : group) append_finding(out, *f, s);
      } else {
        append_group(out, group);
      }
      group.clear();
    };
    for (const auto& f : in.audit.findings) {
      if (static_cast<int>(f.severity) != sev) continue;
      counts[sev]++;
      if (!header) {
        out +=
            std::string("\n") + (color ? color_of(f.severity) : "") + rules::severity_name(f.severity) + reset + "\n";
        header = true;
      }
      if (!group.empty() && group.front()->rule != f.rule) flush();
      group.push_back(&f);
    }
    flush();
  }
  out += "\n" + std::to_string(in.audit.findings.size()) + " findings: " + std::to_string(counts[3]) + " critical, " +
         std::to_string(counts[2]) + " error, " + std::to_string(counts[1]) + " warning, " + std::to_string(counts[0]) +
         " info" + suppressed_text(in.audit) + "\n";
  return out;
}

}  // namespace hybridctl::report
