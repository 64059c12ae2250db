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

}  // namespace

std::string render_text(const ReportInput& in, bool color) {
  std::string out;
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
    for (const auto& f : in.audit.findings) {
      if (static_cast<int>(f.severity) != sev) continue;
      counts[sev]++;
      if (!header) {
        out +=
            std::string("\n") + (color ? color_of(f.severity) : "") + rules::severity_name(f.severity) + reset + "\n";
        header = true;
      }
      out += "  " + f.rule + "  " + object_name(f.object);
      if (f.origin.file < s.files.size())
        out += "  (" + s.files[f.origin.file] + ":" + std::to_string(f.origin.line) + ")";
      out += "\n      " + f.message + "\n";
      fix::RenderedFix fx = fix::render(f);
      for (const auto& k : fx.kubectl) out += "      fix: " + k + "\n";
      if (fx.helm_values != "{}") out += "      helm values: " + fx.helm_values + "\n";
      if (!fx.note.empty()) out += "      note: " + fx.note + "\n";
    }
  }
  out += "\n" + std::to_string(in.audit.findings.size()) + " findings: " + std::to_string(counts[3]) + " critical, " +
         std::to_string(counts[2]) + " error, " + std::to_string(counts[1]) + " warning, " + std::to_string(counts[0]) +
         " info\n";
  return out;
}

}  // namespace hybridctl::report
