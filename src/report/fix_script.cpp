#include "report/fix_script.h"

#include <cctype>

namespace hybridctl::report {
namespace {

using Kind = analysis::Manager::Kind;

const char* kPrologue = R"SH(set -euo pipefail

# Every kubectl call goes through $KUBECTL (a test harness substitutes `kubectl patch --local`).
KUBECTL=${KUBECTL:-kubectl}
fix_dir=$(mktemp -d)

# Applies a JSON patch; a patch whose `test` guards no longer hold was
# applied before (or the object changed since the audit) and is skipped.
patch_object() { # RESOURCE NAME NAMESPACE PATCH
  local out ns=()
  if [ -n "$3" ]; then ns=(-n "$3"); fi
  if out=$($KUBECTL patch "$1" "$2" "${ns[@]}" --type=json -p "$4" 2>&1); then
    echo "$out"
  elif grep -qi 'test' <<<"$out"; then
    echo "skipped $1 $2: its test guards no longer hold (already fixed, or changed since the audit)" >&2
  else
    echo "$out" >&2
    return 1
  fi
}

# Sets the failurePolicy of one webhook of a configuration, checking it is still the webhook named.
set_failure_policy() { # RESOURCE CONFIGURATION INDEX WEBHOOK POLICY
  $KUBECTL patch "$1" "$2" --type=json -p \
    "[{\"op\":\"test\",\"path\":\"/webhooks/$3/name\",\"value\":\"$4\"},{\"op\":\"add\",\"path\":\"/webhooks/$3/failurePolicy\",\"value\":\"$5\"}]"
}
)SH";

std::string comment(const std::string& text) {
  std::string out = "# ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "# ";
  }
  return out + "\n";
}

std::string describe(const model::ObjectRef& r) {
  return r.api_version + " " + r.kind + " " + (r.ns.empty() ? "" : r.ns + "/") + r.name;
}

std::string describe(const analysis::Manager& m) {
  switch (m.kind) {
    case Kind::None:
      return "kubectl (no manager found)";
    case Kind::Helm:
      return "Helm release " + m.name + (m.ns.empty() ? "" : " in " + m.ns);
    case Kind::EksAddon:
      return "EKS add-on " + m.name;
    case Kind::Operator:
      return "operator (" + m.owner_kind + " " + m.name + ")";
    case Kind::ArgoCD:
      return "Argo CD application " + m.name;
    case Kind::Flux:
      return "Flux " + m.name;
  }
  return "?";
}

std::string shell_variable(std::string prefix, std::string_view name) {
  for (char c : name) prefix += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
  return prefix;
}

std::string patch_line(const fix::RenderedPatch& p) {
  return "patch_object " + fix::kubectl_resource(p.target.kind) + " " + fix::shell_quote(p.target.name) + " " +
         fix::shell_quote(p.target.ns) + " " + fix::shell_quote(p.patch) + "\n";
}

// The steps of one finding; managed objects' own patches go to their manager.
std::string finding_block(const FixOfFinding& f, const FixScriptOptions& options) {
  const rules::Finding& finding = *f.finding;
  const analysis::Manager& m = finding.managed_by;
  std::string out = "\n" + comment(finding.rule + " (" + rules::severity_name(finding.severity) + ") " +
                                   describe(finding.object) + " — managed by " + describe(m));
  if (!f.field_location.empty()) out += comment(f.field_location);
  out += comment(finding.message);
  if (!f.fix.note.empty()) out += comment("note: " + f.fix.note);
  bool managed = m.kind != Kind::None && !options.patch_managed;
  bool any = false;
  for (const fix::RenderedPatch& p : f.fix.patches) {
    if (managed && p.target == finding.object) {
      out += comment("not patched with kubectl: " + describe(m) + " would revert it (--patch-managed to patch anyway)");
      continue;
    }
    out += patch_line(p);
    any = true;
  }
  const bool addon_applied_below = managed && m.kind == Kind::EksAddon && f.fix.eks_addon_configuration != "{}";
  for (const std::string& cmd : f.fix.kubectl) {
    if (cmd.starts_with("kubectl patch ")) continue;  // the patches above, in their idempotent form
    // A node's label patch above is the same change, guarded: labelling again would only repeat it.
    if (any && cmd.starts_with("kubectl label node ")) continue;
    if (cmd.starts_with("aws ")) {
      // The merged configuration of the add-on is applied once below.
      if (!addon_applied_below) out += comment("review, then run: " + cmd);
      continue;
    }
    out += (cmd.starts_with("kubectl ") ? "$KUBECTL " + cmd.substr(8) : cmd) + "\n";
    any = true;
  }
  if (managed && m.kind == Kind::Helm && f.fix.helm_values != "{}") {
    out += comment("-> Helm values for release " + m.name + ": applied below by one helm upgrade");
    any = true;
  } else if (managed && m.kind == Kind::EksAddon && f.fix.eks_addon_configuration != "{}") {
    out += comment("-> configuration of EKS add-on " + m.name + ": applied below by aws eks update-addon");
    any = true;
  } else if (managed && (m.kind == Kind::ArgoCD || m.kind == Kind::Flux)) {
    out += comment("commit the change to the source " + describe(m) + " syncs from (hybridctl fix --write on it)");
  }
  if (!any) out += comment("nothing to run for this finding here: see the note");
  return out;
}

}  // namespace

std::string fix_script_target(const FixScriptOptions& options) {
  // Name up to three inputs; more are counted.
  std::string files;
  if (options.sources.size() > 3) {
    files = std::to_string(options.sources.size()) + " inputs";
  } else {
    for (size_t i = 0; i < options.sources.size(); ++i) {
      const std::string& name = options.sources[i] == "-" ? "standard input" : options.sources[i];
      files += (i == 0 ? "" : i + 1 == options.sources.size() ? " and " : ", ") + name;
    }
  }
  if (options.live) {
    std::string context =
        options.contexts.empty() ? "the current kubectl context" : "kubectl context " + options.contexts.front();
    return "Computed from the live cluster of " + context + (files.empty() ? "" : " and from " + files) +
           ";\nit targets the cluster of the current kubectl context: run it with " +
           (options.contexts.empty() ? std::string("the same context current")
                                     : "context " + options.contexts.front() + " current") +
           ".";
  }
  return "Computed from " + (files.empty() ? std::string("the input") : files) +
         ";\nit targets the cluster of the current kubectl context: check that it is the cluster those files "
         "describe.";
}

std::string render_fix_script(const std::vector<FixOfFinding>& fixes, const std::vector<fix::WebhookGuard>& guards,
                              const FixScriptOptions& options) {
  std::string out = "#!/usr/bin/env bash\n";
  out += comment("hybridctl fix: " + std::to_string(fixes.size()) + " finding(s). " + fix_script_target(options) +
                 "\nReview it, then run it. Running it twice changes nothing the second time.");
  out += kPrologue;
  out += "\n";
  if (guards.empty()) {
    out += "trap 'rm -rf \"$fix_dir\"' EXIT\n";
  } else {
    out += "# Webhooks that would refuse the fix's own updates: Ignore while it runs, restored on exit.\n";
    out += "restore_webhooks() {\n";
    for (const fix::WebhookGuard& g : guards) {
      out += "  set_failure_policy " + fix::kubectl_resource(g.configuration.kind) + " " +
             fix::shell_quote(g.configuration.name) + " " + std::to_string(g.index) + " " + fix::shell_quote(g.name) +
             " Fail || echo \"restore failurePolicy: Fail of webhook " + g.name + " by hand\" >&2\n";
    }
    out += "}\ntrap 'rc=$?; restore_webhooks; rm -rf \"$fix_dir\"; exit $rc' EXIT\n";
    for (const fix::WebhookGuard& g : guards) {
      out += comment("webhook " + g.name + " of " + describe(g.configuration) + ": " + g.reason);
      out += "set_failure_policy " + fix::kubectl_resource(g.configuration.kind) + " " +
             fix::shell_quote(g.configuration.name) + " " + std::to_string(g.index) + " " + fix::shell_quote(g.name) +
             " Ignore\n";
    }
  }
  for (const FixOfFinding& f : fixes) out += finding_block(f, options);
  if (!options.patch_managed) {
    for (const auto& [release_key, values] : helm_values_by_release(fixes)) {
      size_t slash = release_key.find('/');
      std::string ns = release_key.substr(0, slash), release = release_key.substr(slash + 1);
      std::string file = "\"$fix_dir/" + shell_variable("", release) + ".values.json\"";
      std::string chart = shell_variable("HELM_CHART_", release);
      out += "\n" + comment("Helm release " + release + ": the values every finding above asks for, merged.");
      out += "cat > " + file + " <<'HYBRIDCTL_VALUES'\n" + values + "HYBRIDCTL_VALUES\n";
      out += "helm upgrade " + fix::shell_quote(release) + " \"${" + chart + ":?set " + chart +
             " to the chart release " + release + " was installed from, e.g. repo/chart}\" -n " + fix::shell_quote(ns) +
             " --reuse-values -f " + file + "\n";
    }
    for (const auto& [addon, config] : eks_addon_configuration_by_addon(fixes)) {
      out += "\n" + comment("EKS add-on " + addon + ": its configuration values, merged.");
      const std::string cluster = options.cluster_name.empty() ? "\"${CLUSTER_NAME:?set CLUSTER_NAME}\""
                                                               : fix::shell_quote(options.cluster_name);
      out += "aws eks update-addon --cluster-name " + cluster + " --addon-name " + fix::shell_quote(addon) +
             " --resolve-conflicts PRESERVE --configuration-values " + fix::shell_quote(config) + "\n";
    }
  }
  return out;
}

}  // namespace hybridctl::report
