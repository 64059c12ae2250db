#include "report/webhooks_text.h"

#include "fix/render.h"

namespace hybridctl::report {
namespace {

using analysis::CallerKind;
using analysis::Verdict;
using analysis::WebhookChain;

const char* color_of(Verdict v) {
  switch (v) {
    case Verdict::Ok:
      return "\033[1;32m";
    case Verdict::AtRisk:
      return "\033[1;33m";
    case Verdict::Broken:
      return "\033[1;31m";
  }
  return "";
}

const char* kind_label(CallerKind k) {
  switch (k) {
    case CallerKind::MutatingWebhook:
      return "mutating webhook";
    case CallerKind::ValidatingWebhook:
      return "validating webhook";
    case CallerKind::ConversionWebhook:
      return "conversion webhook";
    case CallerKind::APIService:
      return "APIService";
  }
  return "?";
}

std::string join(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& s : list) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

std::string policy(const WebhookChain& c) {
  std::string out =
      c.failure_policy.empty() ? "failurePolicy -, always fails closed" : "failurePolicy " + c.failure_policy;
  if (c.timeout_seconds) out += ", timeout " + std::to_string(*c.timeout_seconds) + "s";
  return out;
}

std::string endpoint_line(const analysis::EndpointReach& er) {
  const analysis::ServiceEndpoint& e = er.endpoint;
  std::string node = e.location.node ? e.location.node->meta.name : std::string(e.node_name);
  std::string zone = !e.zone.empty()   ? std::string(e.zone)
                     : e.location.node ? std::string(e.location.node->zone())
                                       : std::string();
  std::string out = std::string(e.address.empty() ? "(no address)" : e.address);
  out += "  node " + (node.empty() ? std::string("-") : node) + " (" +
         analysis::endpoint_environment_name(e.location.environment) + (zone.empty() ? "" : ", " + zone) + ")";
  if (e.pod) out += "  pod " + e.pod->meta.name;
  if (e.host_network) out += "  hostNetwork";
  out += er.reach.reachable()                                ? "  reachable"
         : er.reach.network == model::PodNetwork::Unroutable ? "  UNREACHABLE: " + er.reach.why
                                                             : "  reachability unknown: " + er.reach.why;
  return out;
}

void render_chain(std::string& out, const WebhookChain& c, bool color) {
  const char* reset = color ? "\033[0m" : "";
  out += "\n" + c.object->kind + " " + c.object->meta.name + "\n";
  out += "  " + std::string(kind_label(c.kind)) + " " + c.name + "  (" + policy(c) + ")\n";
  out += "    intercepts: " + join(c.operations) + " " + join(c.resources) + " in " +
         (c.namespace_selector == "all namespaces" ? c.namespace_selector : "namespaces " + c.namespace_selector) +
         "\n";
  out += "    backend:    " + (c.target().empty() ? std::string("-") : c.target()) + "\n";
  if (c.endpoints.empty()) out += "    endpoints:  none ready\n";
  for (size_t i = 0; i < c.endpoints.size(); ++i) {
    out += std::string(i == 0 ? "    endpoints:  " : "                ") + endpoint_line(c.endpoints[i]) + "\n";
  }
  out += std::string("    verdict:    ") + (color ? color_of(c.verdict) : "") + analysis::verdict_name(c.verdict) +
         reset + " — " + c.reason + "\n";
  for (size_t i = 1; i < c.causes.size(); ++i) out += "                also: " + c.causes[i].text + "\n";
}

void render_step(std::string& out, size_t n, const analysis::FixStep& step, const WebhooksInput& in) {
  out += "  " + std::to_string(n) + ". " + step.text + "\n";
  if (!step.command.empty()) out += "       $ " + step.command + "\n";
  if (!step.workload) return;
  if (const rules::Finding* f = move_finding(in.findings, *step.workload)) {
    fix::RenderedFix fx = fix::render(*f);
    for (const std::string& k : fx.kubectl) out += "       $ " + k + "\n";
    if (fx.helm_values != "{}") out += "       helm values: " + fx.helm_values + "\n";
    if (fx.eks_addon_configuration != "{}")
      out += "       EKS add-on configuration: " + fx.eks_addon_configuration + "\n";
    if (!fx.note.empty()) out += "       note: " + fx.note + "\n";
  } else {
    out +=
        "       (the audit offers no patch for it: requiring cloud nodes would leave it unschedulable, or it is "
        "already kept off hybrid nodes)\n";
  }
}

void render_why(std::string& out, const analysis::WhyAnswer& why, const WebhooksInput& in, bool color) {
  const analysis::ApiServerError& e = why.error;
  out += "Error: " + std::string(analysis::call_kind_name(e.kind));
  if (!e.name.empty()) out += " \"" + e.name + "\"";
  if (!e.group.empty()) out += " of group " + e.group + (e.version.empty() ? "" : "/" + e.version);
  out += " — " + std::string(analysis::symptom_name(e.symptom));
  if (!e.symptom_text.empty()) out += " (" + e.symptom_text + ")";
  out += "\n";
  if (!e.url.empty()) out += "Called: " + e.url + "\n";
  if (why.chains.empty() || !why.unmatched.empty()) {
    out += "Not in the input: " + why.unmatched + ".\n";
    if (why.chains.empty()) {
      for (const analysis::Cause& c : why.causes) out += "What the error alone says: " + c.text + ".\n";
      return;
    }
  }
  out += "\nChain:";
  for (const WebhookChain* c : why.chains) render_chain(out, *c, color);
  if (why.causes.empty()) return;
  out += "\nCause" + std::string(why.causes.size() > 1 ? "s (most likely first)" : "") + ":\n";
  for (size_t i = 0; i < why.causes.size(); ++i) out += "  " + std::to_string(i + 1) + ". " + why.causes[i].text + "\n";
  out += "\nFix, in order:\n";
  for (size_t i = 0; i < why.steps.size(); ++i) render_step(out, i + 1, why.steps[i], in);
}

}  // namespace

std::string render_webhooks_text(const WebhooksInput& in, bool color) {
  std::string out;
  if (in.why) {
    render_why(out, *in.why, in, color);
    return out;
  }
  int counts[3] = {0, 0, 0};
  for (const WebhookChain& c : in.chains) {
    render_chain(out, c, color);
    counts[static_cast<int>(c.verdict)]++;
  }
  out += "\n" + std::to_string(in.chains.size()) +
         " webhooks, conversion webhooks and APIServices: " + std::to_string(counts[2]) + " BROKEN, " +
         std::to_string(counts[1]) + " AT RISK, " + std::to_string(counts[0]) + " OK\n";
  return out;
}

}  // namespace hybridctl::report
