#include "fix/render.h"

#include <algorithm>
#include <cctype>

#include "fix/json_patch_ops.h"
#include "fix/json_pointer.h"
#include "fix/node_affinity_fix.h"

namespace hybridctl::fix {
namespace {

// Builds {"a": {"b": VALUE}} for a dotted Helm value path "a.b".
void write_nested(JsonWriter& w, const std::vector<std::string>& paths, const model::Affinity& affinity) {
  // Group by first segment so cert-manager's several paths share one object.
  w.begin_object();
  for (const std::string& path : paths) {
    size_t dot = path.find('.');
    if (dot == std::string::npos) {
      w.key(path);
      write_affinity(w, affinity);
    } else {
      w.key(path.substr(0, dot)).begin_object().key(path.substr(dot + 1));
      write_affinity(w, affinity);
      w.end_object();
    }
  }
  w.end_object();
}

std::string kubectl_json_patch_command(const model::ObjectRef& target, const std::string& patch) {
  std::string cmd = "kubectl patch " + kubectl_resource(target.kind) + " " + target.name;
  if (!target.ns.empty()) cmd += " -n " + target.ns;
  return cmd + " --type=json -p " + shell_quote(patch);
}

// The values go where the manager reads them: a Helm release gets Helm
// values, an EKS add-on its configurationValues and the `aws eks
// update-addon` command (never "helm values"); an object with neither (a
// rendered chart applied by hand, GitOps) gets both, for whichever source it
// came from.
void render_values(const std::string& values, const std::string& cluster, const analysis::Manager& m,
                   RenderedFix& out) {
  if (values.empty()) return;
  using Kind = analysis::Manager::Kind;
  if (m.kind == Kind::EksAddon) {
    out.eks_addon_configuration = values;
    out.kubectl.push_back("aws eks update-addon --cluster-name " + (cluster.empty() ? "CLUSTER" : cluster) +
                          " --addon-name " + (m.name.empty() ? "ADDON" : m.name) + " --configuration-values " +
                          shell_quote(values));
    return;
  }
  out.helm_values = values;
  if (m.kind != Kind::Helm) out.eks_addon_configuration = values;
}

void render_json_patch(const ApplyJsonPatch& intent, const analysis::Manager& m, RenderedFix& out) {
  out.patches.push_back({intent.target, "json", intent.patch});
  out.kubectl.push_back(kubectl_json_patch_command(intent.target, intent.patch));
  const std::string& values =
      m.kind == analysis::Manager::Kind::EksAddon ? intent.eks_addon_configuration : intent.helm_values;
  render_values(values.empty() ? intent.helm_values : values, intent.cluster_name, m, out);
}

void render_affinity(const RequireNodeAffinity& intent, const analysis::Manager& m, RenderedFix& out) {
  if (intent.patchable) {
    std::string patch = json_patch(intent);
    out.patches.push_back({intent.target, "json", patch});
    out.kubectl.push_back(kubectl_json_patch_command(intent.target, patch));
  }
  if (intent.helm_value_paths.empty()) return;
  model::Requirement req{intent.key, intent.op, intent.values};
  model::PodSpec merged = with_required_node_affinity(intent.spec, req);
  JsonWriter w;
  write_nested(w, intent.helm_value_paths, *merged.affinity);
  render_values(w.take(), intent.cluster_name, m, out);
}

// The label as a guarded JSON patch of the Node (applies to a dumped Node
// file as to the API) and as the kubectl command.
void render_label(const LabelNode& l, RenderedFix& out) {
  std::string path = "/metadata/labels/" + json_pointer_token(l.key);
  JsonWriter w;
  w.begin_array();
  JsonWriter value;
  value.string(l.value);
  if (l.current) {
    JsonWriter old;
    old.string(*l.current);
    write_replace_tested(w, path, old.take(), value.take());
  } else {
    write_add_absent(w, path, value.take());
  }
  w.end_array();
  out.patches.push_back({{"v1", "Node", "", l.node}, "json", w.take()});
  out.kubectl.push_back("kubectl label node " + l.node + " " + l.key + "=" + l.value +
                        (l.current ? " --overwrite" : ""));
}

}  // namespace

std::string kubectl_resource(std::string_view kind) {
  std::string r(kind);
  std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return r;
}

std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

RenderedFix render(const rules::Finding& f) {
  RenderedFix out;
  out.helm_values = "{}";
  out.eks_addon_configuration = "{}";
  out.note = f.fix_note;
  for (const FixIntent& intent : f.fixes) {
    if (const auto* a = std::get_if<RequireNodeAffinity>(&intent)) {
      render_affinity(*a, f.managed_by, out);
    } else if (const auto* l = std::get_if<LabelNode>(&intent)) {
      render_label(*l, out);
    } else if (const auto* n = std::get_if<ChangeNetwork>(&intent)) {
      if (!n->command.empty()) out.kubectl.push_back(n->command);
    } else if (const auto* p = std::get_if<ApplyJsonPatch>(&intent)) {
      render_json_patch(*p, f.managed_by, out);
    } else if (const auto* c = std::get_if<RunCommand>(&intent)) {
      out.kubectl.push_back(c->command);
    }
  }
  using Kind = analysis::Manager::Kind;
  // The warning concerns patches of the managed object itself; a patch aimed at
  // its manager's source (e.g. the Tigera Installation) is the right form.
  bool patches_managed_object = false;
  for (const RenderedPatch& p : out.patches) patches_managed_object = patches_managed_object || p.target == f.object;
  if (patches_managed_object && f.managed_by.kind == Kind::EksAddon && out.eks_addon_configuration == "{}") {
    // No add-on configuration key covers the change (a Service field, an
    // operator setting the add-on does not expose): the patch is the fix.
    out.note += " The object belongs to the EKS add-on " + f.managed_by.name +
                ": an add-on update may revert a patched field the add-on sets itself; check it after updates.";
  } else if (patches_managed_object && f.managed_by.kind != Kind::None) {
    out.note += std::string(" The object is managed by ") + f.managed_by.kind_name() +
                (f.managed_by.name.empty() ? "" : " (" + f.managed_by.name + ")") +
                ": a kubectl patch is reverted by it; change its source (values, add-on configuration or custom "
                "resource) instead.";
  }
  if (f.managed_by.kind == Kind::EksAddon && out.eks_addon_configuration != "{}") {
    out.note +=
        " update-addon replaces the add-on's whole configuration: merge these keys into the current one (aws eks "
        "describe-addon --query addon.configurationValues) first.";
  }
  return out;
}

}  // namespace hybridctl::fix
