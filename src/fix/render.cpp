#include "fix/render.h"

#include <algorithm>
#include <cctype>

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

void render_json_patch(const ApplyJsonPatch& intent, RenderedFix& out) {
  out.patches.push_back({intent.target, "json", intent.patch});
  out.kubectl.push_back(kubectl_json_patch_command(intent.target, intent.patch));
  if (!intent.helm_values.empty()) out.helm_values = intent.helm_values;
  if (!intent.eks_addon_configuration.empty()) out.eks_addon_configuration = intent.eks_addon_configuration;
}

void render_affinity(const RequireNodeAffinity& intent, RenderedFix& out) {
  std::string patch = json_patch(intent);
  out.patches.push_back({intent.target, "json", patch});
  out.kubectl.push_back(kubectl_json_patch_command(intent.target, patch));
  if (intent.helm_value_paths.empty()) return;
  model::Requirement req{intent.key, intent.op, intent.values};
  model::PodSpec merged = with_required_node_affinity(intent.spec, req);
  JsonWriter w;
  write_nested(w, intent.helm_value_paths, *merged.affinity);
  out.helm_values = w.str();
  out.eks_addon_configuration = w.take();
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
      render_affinity(*a, out);
    } else if (const auto* l = std::get_if<LabelNode>(&intent)) {
      out.kubectl.push_back("kubectl label node " + l->node + " " + l->key + "=" + l->value);
    } else if (const auto* n = std::get_if<ChangeNetwork>(&intent)) {
      if (!n->command.empty()) out.kubectl.push_back(n->command);
    } else if (const auto* p = std::get_if<ApplyJsonPatch>(&intent)) {
      render_json_patch(*p, out);
    } else if (const auto* c = std::get_if<RunCommand>(&intent)) {
      out.kubectl.push_back(c->command);
    }
  }
  using Kind = analysis::Manager::Kind;
  // The warning concerns patches of the managed object itself; a patch aimed at
  // its manager's source (e.g. the Tigera Installation) is the right form.
  bool patches_managed_object = false;
  for (const RenderedPatch& p : out.patches) patches_managed_object = patches_managed_object || p.target == f.object;
  if (patches_managed_object && f.managed_by.kind != Kind::None) {
    out.note += std::string(" The object is managed by ") + f.managed_by.kind_name() +
                (f.managed_by.name.empty() ? "" : " (" + f.managed_by.name + ")") +
                ": a kubectl patch is reverted by it; change its source (values, add-on configuration or custom "
                "resource) instead.";
  }
  return out;
}

}  // namespace hybridctl::fix
