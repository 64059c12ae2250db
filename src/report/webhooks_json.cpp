#include "report/webhooks_json.h"

#include "core/json_writer.h"
#include "fix/render.h"

namespace hybridctl::report {
namespace {

using analysis::CallerKind;
using analysis::WebhookChain;

const char* kind_key(CallerKind k) {
  switch (k) {
    case CallerKind::MutatingWebhook:
      return "MutatingWebhook";
    case CallerKind::ValidatingWebhook:
      return "ValidatingWebhook";
    case CallerKind::ConversionWebhook:
      return "ConversionWebhook";
    case CallerKind::APIService:
      return "APIService";
  }
  return "?";
}

void write_strings(JsonWriter& w, const std::vector<std::string>& list) {
  w.begin_array();
  for (const std::string& s : list) w.string(s);
  w.end_array();
}

void write_endpoint(JsonWriter& w, const analysis::EndpointReach& er) {
  const analysis::ServiceEndpoint& e = er.endpoint;
  w.begin_object();
  w.key("address").string(e.address);
  std::string node = e.location.node ? e.location.node->meta.name : std::string(e.node_name);
  if (!node.empty()) w.key("node").string(node);
  w.key("environment").string(analysis::endpoint_environment_name(e.location.environment));
  std::string zone = !e.zone.empty()   ? std::string(e.zone)
                     : e.location.node ? std::string(e.location.node->zone())
                                       : std::string();
  if (!zone.empty()) w.key("zone").string(zone);
  if (e.pod) w.key("pod").string(e.pod->meta.name);
  w.key("hostNetwork").boolean(e.host_network);
  w.key("reachability").string(model::pod_network_name(er.reach.network));
  w.key("reachable").boolean(er.reach.reachable());
  w.key("why").string(er.reach.why);
  w.end_object();
}

void write_cause(JsonWriter& w, const analysis::Cause& c) {
  w.begin_object();
  w.key("kind").string(analysis::cause_kind_name(c.kind));
  w.key("verdict").string(analysis::verdict_name(c.severity));
  w.key("text").string(c.text);
  w.end_object();
}

void write_chain(JsonWriter& w, const WebhookChain& c) {
  w.begin_object();
  w.key("name").string(c.name);
  w.key("kind").string(kind_key(c.kind));
  w.key("object").begin_object();
  w.key("kind").string(c.object->kind).key("name").string(c.object->meta.name);
  w.end_object();
  if (!c.failure_policy.empty()) w.key("failurePolicy").string(c.failure_policy);
  if (c.timeout_seconds) w.key("timeoutSeconds").number(int64_t{*c.timeout_seconds});
  w.key("intercepts").begin_object();
  w.key("operations");
  write_strings(w, c.operations);
  w.key("resources");
  write_strings(w, c.resources);
  w.key("namespaceSelector").string(c.namespace_selector);
  w.end_object();
  w.key("backend").begin_object();
  if (c.backend && !c.backend->url.empty()) {
    w.key("url").string(c.backend->url).key("host").string(c.url_host);
  } else if (c.backend) {
    w.key("service").begin_object();
    w.key("namespace").string(c.backend->ns).key("name").string(c.backend->service_name);
    w.key("port").number(int64_t{c.port});
    w.key("present").boolean(c.backend->service != nullptr);
    w.end_object();
    if (c.backend->endpoints.listed_by) {
      w.key("endpointsFrom").string(analysis::endpoint_source_name(*c.backend->endpoints.listed_by));
    }
  }
  w.end_object();
  w.key("endpoints").begin_array();
  for (const analysis::EndpointReach& er : c.endpoints) write_endpoint(w, er);
  w.end_array();
  w.key("verdict").string(analysis::verdict_name(c.verdict));
  w.key("reason").string(c.reason);
  w.key("causes").begin_array();
  for (const analysis::Cause& cause : c.causes) write_cause(w, cause);
  w.end_array();
  w.end_object();
}

void write_step(JsonWriter& w, const analysis::FixStep& step, const WebhooksInput& in) {
  static const char* const kKinds[] = {"emergency", "move-to-cloud", "make-routable", "restore-endpoints",
                                       "fix-port",  "fix-ca-bundle", "raise-timeout", "verify"};
  w.begin_object();
  w.key("kind").string(kKinds[static_cast<int>(step.kind)]);
  w.key("text").string(step.text);
  if (!step.command.empty()) w.key("command").string(step.command);
  if (step.workload) {
    w.key("workload").begin_object();
    w.key("kind").string(step.workload->kind).key("namespace").string(step.workload->meta.ns);
    w.key("name").string(step.workload->meta.name).end_object();
    if (const rules::Finding* f = move_finding(in.findings, *step.workload)) {
      fix::RenderedFix fx = fix::render(*f);
      w.key("fix").begin_object();
      w.key("rule").string(f->rule);
      w.key("patches").begin_array();
      for (const fix::RenderedPatch& p : fx.patches) {
        w.begin_object().key("type").string(p.type).key("patch").raw(p.patch).end_object();
      }
      w.end_array();
      w.key("kubectl");
      write_strings(w, fx.kubectl);
      w.key("helmValues").raw(fx.helm_values);
      w.key("eksAddonConfiguration").raw(fx.eks_addon_configuration);
      w.key("note").string(fx.note);
      w.end_object();
    }
  }
  w.end_object();
}

void write_why(JsonWriter& w, const analysis::WhyAnswer& why, const WebhooksInput& in) {
  const analysis::ApiServerError& e = why.error;
  w.key("why").begin_object();
  w.key("error").begin_object();
  w.key("kind").string(analysis::call_kind_name(e.kind));
  if (!e.name.empty()) w.key("name").string(e.name);
  if (!e.group.empty()) w.key("group").string(e.group);
  if (!e.version.empty()) w.key("version").string(e.version);
  if (!e.url.empty()) w.key("url").string(e.url);
  if (!e.service_name.empty()) {
    w.key("service").begin_object().key("namespace").string(e.service_ns).key("name").string(e.service_name);
    w.end_object();
  }
  w.key("symptom").string(analysis::symptom_name(e.symptom));
  w.end_object();
  w.key("matched").begin_array();
  for (const WebhookChain* c : why.chains) write_chain(w, *c);
  w.end_array();
  if (!why.unmatched.empty()) w.key("unexplained").string(why.unmatched);
  w.key("causes").begin_array();
  for (const analysis::Cause& c : why.causes) write_cause(w, c);
  w.end_array();
  w.key("steps").begin_array();
  for (const analysis::FixStep& s : why.steps) write_step(w, s, in);
  w.end_array();
  w.end_object();
}

}  // namespace

std::string render_webhooks_json(const WebhooksInput& in) {
  JsonWriter w(2);
  w.begin_object();
  w.key("version").string(std::string("hybridctl ") + HYBRIDCTL_VERSION);
  w.key("webhooks").begin_array();
  int64_t counts[3] = {0, 0, 0};
  for (const WebhookChain& c : in.chains) {
    write_chain(w, c);
    counts[static_cast<int>(c.verdict)]++;
  }
  w.end_array();
  w.key("summary").begin_object();
  w.key("ok").number(counts[0]).key("atRisk").number(counts[1]).key("broken").number(counts[2]);
  w.end_object();
  if (in.why) write_why(w, *in.why, in);
  w.key("errors").begin_array();
  for (const Diagnostic& d : in.diagnostics.items()) {
    if (d.level != Diagnostic::Level::Error) continue;
    w.begin_object().key("file").string(d.where.file);
    if (d.where.line) w.key("line").number(int64_t{d.where.line}).key("column").number(int64_t{d.where.column});
    w.key("message").string(d.message).end_object();
  }
  w.end_array();
  w.end_object();
  return w.take() + "\n";
}

}  // namespace hybridctl::report
