#include "report/json_report.h"

#include <map>

#include "core/json_writer.h"
#include "fix/render.h"

namespace hybridctl::report {
namespace {

void write_ref(JsonWriter& w, const model::ObjectRef& r) {
  w.begin_object().key("apiVersion").string(r.api_version).key("kind").string(r.kind);
  if (!r.ns.empty()) w.key("namespace").string(r.ns);
  w.key("name").string(r.name).end_object();
}

std::string kubernetes_version(const model::Snapshot& s) {
  if (!s.facts.kubernetes_version.empty()) return s.facts.kubernetes_version;
  if (s.cluster_info) return s.cluster_info->kubernetes_version;
  return "";
}

void write_cluster(JsonWriter& w, const ReportInput& in) {
  const model::Snapshot& s = in.snapshot;
  int cloud = 0, hybrid = 0;
  std::map<std::string, std::string> zones;
  for (const model::Node& n : s.nodes) {
    (n.is_hybrid() ? hybrid : cloud)++;
    if (!n.zone().empty()) zones[std::string(n.zone())] = model::environment_name(n.environment());
  }
  w.key("cluster").begin_object();
  std::string version = kubernetes_version(s);
  w.key("kubernetesVersion");
  if (version.empty())
    w.null();
  else
    w.string(version);
  w.key("nodes").begin_object().key("cloud").number(int64_t{cloud}).key("hybrid").number(int64_t{hybrid}).end_object();
  w.key("zones").begin_object();
  for (const auto& [z, env] : zones) w.key(z).string(env);
  w.end_object();
  w.key("podNetwork").string(model::pod_network_name(in.analyses.routability().cluster_wide()));
  w.end_object();
}

void write_finding(JsonWriter& w, const rules::Finding& f, const model::Snapshot& s) {
  w.begin_object();
  w.key("rule").string(f.rule).key("severity").string(rules::severity_name(f.severity));
  w.key("object");
  write_ref(w, f.object);
  w.key("message").string(f.message);
  if (f.origin.file < s.files.size()) {
    w.key("source").begin_object().key("file").string(s.files[f.origin.file]);
    w.key("line").number(int64_t{f.origin.line}).end_object();
  }
  w.key("managedBy").begin_object().key("kind").string(f.managed_by.kind_name());
  if (!f.managed_by.name.empty()) w.key("release").string(f.managed_by.name);
  if (!f.managed_by.ns.empty()) w.key("namespace").string(f.managed_by.ns);
  if (!f.managed_by.owner_kind.empty()) w.key("ownerKind").string(f.managed_by.owner_kind);
  w.end_object();
  fix::RenderedFix fx = fix::render(f);
  w.key("fix").begin_object().key("patches").begin_array();
  for (const auto& p : fx.patches) {
    w.begin_object().key("target");
    write_ref(w, p.target);
    w.key("type").string(p.type).key("patch").raw(p.patch).end_object();
  }
  w.end_array().key("kubectl").begin_array();
  for (const auto& k : fx.kubectl) w.string(k);
  w.end_array();
  w.key("helmValues").raw(fx.helm_values);
  w.key("eksAddonConfiguration").raw(fx.eks_addon_configuration);
  w.key("note").string(fx.note);
  w.end_object();
  w.end_object();
}

}  // namespace

std::string render_json(const ReportInput& in) {
  JsonWriter w(2);
  w.begin_object();
  w.key("version").string(std::string("hybridctl ") + HYBRIDCTL_VERSION);
  write_cluster(w, in);
  std::map<std::string, int64_t> summary{{"critical", 0}, {"error", 0}, {"warning", 0}, {"info", 0}};
  for (const auto& f : in.audit.findings) summary[rules::severity_name(f.severity)]++;
  w.key("summary").begin_object();
  for (const char* s : {"critical", "error", "warning", "info"}) w.key(s).number(summary[s]);
  w.end_object();
  w.key("errors").begin_array();
  for (const Diagnostic& d : in.diagnostics.items()) {
    if (d.level != Diagnostic::Level::Error) continue;
    w.begin_object().key("file").string(d.where.file);
    if (d.where.line) w.key("line").number(int64_t{d.where.line}).key("column").number(int64_t{d.where.column});
    w.key("message").string(d.message).end_object();
  }
  w.end_array();
  w.key("notes").begin_array();
  for (const Diagnostic& d : in.diagnostics.items()) {
    if (d.level == Diagnostic::Level::Note) w.string(d.format());
  }
  for (const auto& n : in.audit.notes) w.string(n);
  w.end_array();
  w.key("findings").begin_array();
  for (const auto& f : in.audit.findings) write_finding(w, f, in.snapshot);
  w.end_array();
  w.end_object();
  return w.take() + "\n";
}

}  // namespace hybridctl::report
