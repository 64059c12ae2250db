#include "report/json_report.h"

#include <map>

namespace hybridctl::report {
namespace {

void write_ref(JsonWriter& w, const model::ObjectRef& r) {
  w.begin_object().key("apiVersion").string(r.api_version).key("kind").string(r.kind);
  if (!r.ns.empty()) w.key("namespace").string(r.ns);
  w.key("name").string(r.name).end_object();
}

void write_cluster(JsonWriter& w, const ClusterSummary& c) {
  w.key("cluster").begin_object();
  w.key("kubernetesVersion");
  if (c.kubernetes_version.empty())
    w.null();
  else
    w.string(c.kubernetes_version);
  w.key("nodes").begin_object().key("cloud").number(c.cloud_nodes).key("hybrid").number(c.hybrid_nodes).end_object();
  w.key("zones").begin_object();
  for (const auto& [z, env] : c.zones) w.key(z).string(env);
  w.end_object();
  w.key("podNetwork").string(model::pod_network_name(c.pod_network));
  w.end_object();
}

void write_finding(JsonWriter& w, const ReportedFinding& rf) {
  const rules::Finding& f = rf.finding;
  w.begin_object();
  w.key("rule").string(f.rule).key("severity").string(rules::severity_name(f.severity));
  w.key("object");
  write_ref(w, f.object);
  w.key("message").string(f.message);
  if (rf.source) {
    w.key("source").begin_object().key("file").string(rf.source->file);
    w.key("line").number(rf.source->line).end_object();
  }
  w.key("managedBy").begin_object().key("kind").string(f.managed_by.kind_name());
  if (!f.managed_by.name.empty()) w.key("release").string(f.managed_by.name);
  if (!f.managed_by.ns.empty()) w.key("namespace").string(f.managed_by.ns);
  if (!f.managed_by.owner_kind.empty()) w.key("ownerKind").string(f.managed_by.owner_kind);
  w.end_object();
  const fix::RenderedFix& fx = rf.fix;
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

void write_findings_json(JsonWriter& w, const std::vector<ReportedFinding>& findings) {
  w.begin_array();
  for (const ReportedFinding& f : findings) write_finding(w, f);
  w.end_array();
}

std::string render_json(const AuditReport& r) {
  JsonWriter w(2);
  w.begin_object();
  w.key("version").string(std::string("hybridctl ") + HYBRIDCTL_VERSION);
  write_cluster(w, r.cluster);
  std::map<std::string, int64_t> summary{{"critical", 0}, {"error", 0}, {"warning", 0}, {"info", 0}};
  for (const ReportedFinding& f : r.findings) summary[rules::severity_name(f.finding.severity)]++;
  w.key("summary").begin_object();
  for (const char* s : {"critical", "error", "warning", "info"}) w.key(s).number(summary[s]);
  w.end_object();
  w.key("errors").begin_array();
  for (const InputError& e : r.errors) {
    w.begin_object().key("file").string(e.where.file);
    if (e.where.line) w.key("line").number(int64_t{e.where.line}).key("column").number(int64_t{e.where.column});
    w.key("message").string(e.message).end_object();
  }
  w.end_array();
  w.key("notes").begin_array();
  for (const std::string& n : r.input_notes) w.string(n);
  for (const std::string& n : r.notes) w.string(n);
  w.end_array();
  w.key("findings");
  write_findings_json(w, r.findings);
  w.end_object();
  return w.take() + "\n";
}

}  // namespace hybridctl::report
