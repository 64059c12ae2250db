#include "fix/render.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "charts/chart_values.h"
#include "fix/json_patch_ops.h"
#include "fix/json_pointer.h"
#include "fix/node_affinity_fix.h"
#include "fix/object_field_fix.h"
#include "fix/otel_scrape_fix.h"
#include "fix/scheduling_changes.h"
#include "fix/spread_fix.h"
#include "fix/targeted_field.h"

namespace hybridctl::fix {
namespace {

using Kind = analysis::Manager::Kind;

// Writes `{"a": {"b": ...}}` for a dotted values key "a.b", `value` writing the leaf.
template <typename WriteValue>
void write_dotted(JsonWriter& w, std::string_view key, const WriteValue& value) {
  size_t dot = key.find('.');
  w.key(key.substr(0, dot));
  if (dot == std::string_view::npos) {
    value(w);
    return;
  }
  w.begin_object();
  write_dotted(w, key.substr(dot + 1), value);
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

// The operations of one intent, "" when it has none: the inside of a JSON array.
std::string operations(const std::string& patch) { return patch.size() > 2 ? patch.substr(1, patch.size() - 2) : ""; }

template <typename WriteOps>
std::string operations_of(const WriteOps& write) {
  JsonWriter w;
  w.begin_array();
  write(w);
  w.end_array();
  return operations(w.take());
}

// What the intents rendered so far leave an object as: the next intent on
// it (of the same finding, or of a later one under render_in_order) adds
// only what is still missing and guards on this state, not on the dump's.
struct ObjectState {
  std::string template_path;
  std::optional<model::PodSpec> spec;
  std::optional<std::optional<int32_t>> replicas;  // set once an intent changed them
  std::optional<std::string> traffic_distribution;
  std::set<std::string> removed_annotations;
  std::map<std::string, std::string> config;  // ConfigMap keys set
  bool scrape_rule = false;
  std::map<std::string, std::string> labels;  // Node labels set
};

// Objects of one identity read from several files (versions of one manifest
// side by side) are distinct: the finding's own object is keyed by where it was read.
class ObjectStates {
 public:
  ObjectState& of(const model::ObjectRef& target, const rules::Finding& finding) {
    std::string key = target.kind + "\n" + target.ns + "\n" + target.name;
    if (target == finding.object)
      key += "\n" + std::to_string(finding.origin.file) + ":" + std::to_string(finding.origin.line);
    return states_[key];
  }

 private:
  std::map<std::string, ObjectState> states_;
};

// The consecutive intents of a finding that change one object, rendered as
// one patch (one kubectl command) and one set of values. The object's state
// is carried from intent to intent (and from finding to finding under
// render_in_order), so each adds only what the ones before it left missing,
// guarded on that state.
class ObjectChange {
 public:
  ObjectChange(const rules::Finding& finding, ObjectStates& states, RenderedFix& out)
      : manager_(finding.managed_by), finding_(finding), states_(states), out_(out) {}
  ObjectChange(const ObjectChange&) = delete;
  ObjectChange& operator=(const ObjectChange&) = delete;

  void add(const RequireNodeAffinity& a) {
    model::Requirement req{a.key, a.op, a.values};
    ObjectState& component = states_.of(a.target, finding_);
    if (!component.spec) {
      component.template_path = a.template_path;
      component.spec = a.spec;
    }
    const model::PodSpec current = *component.spec;
    model::PodSpec merged = with_required_node_affinity(current, req);
    component.spec = merged;
    // Already required (an earlier finding's fix added it): nothing to change.
    bool unchanged = current.affinity && *current.affinity == *merged.affinity;
    // The Tigera operator re-renders calico-node & co. from its Installation:
    // the override goes there, and the component itself is left alone.
    std::string_view field = manager_.kind == Kind::Operator && manager_.owner_kind == "Installation"
                                 ? charts::tigera_installation_field(a.target.name)
                                 : std::string_view{};
    if (!field.empty()) {
      start({"operator.tigera.io/v1", "Installation", "", manager_.name});
      if (!unchanged) append(operations(installation_affinity_patch(field, *merged.affinity)));
      return;
    }
    start(a.target);
    if (a.patchable && !unchanged) {
      RequireNodeAffinity on_state = a;
      on_state.spec = current;
      append(operations(json_patch(on_state)));
    }
    if (a.helm_value_paths.empty()) return;
    JsonWriter w;
    w.begin_object();
    for (const std::string& path : a.helm_value_paths) {
      write_dotted(w, path, [&](JsonWriter& v) { write_affinity(v, *merged.affinity); });
    }
    w.end_object();
    values_ = w.take();
    cluster_ = a.cluster_name;
  }

  void add(const SetReplicas& r) {
    start(r.target);
    std::optional<int32_t> current = state_->replicas.value_or(r.current);
    state_->replicas = r.wanted;
    replicas_ = r.wanted;
    use_chart(r.values);
    if (current.value_or(1) == r.wanted) return;
    append(operations_of([&](JsonWriter& w) { write_replicas_ops(w, current, r.wanted); }));
  }

  void add(const AddPreferredPodAntiAffinity& a) {
    start(a.target);
    use_spec(a.template_path, a.spec);
    use_chart(a.values);
    std::vector<model::WeightedPodAffinityTerm> missing;
    const model::PodSpec spec = *state_->spec;
    for (const auto& t : a.terms) {
      bool present = false;
      if (spec.affinity && spec.affinity->pod_anti_affinity) {
        const auto& preferred = spec.affinity->pod_anti_affinity->preferred;
        present = std::find(preferred.begin(), preferred.end(), t) != preferred.end();
      }
      if (!present) missing.push_back(t);
    }
    if (missing.empty()) return;
    append(operations_of(
        [&](JsonWriter& w) { write_add_preferred_anti_affinity_ops(w, state_->template_path, spec, missing); }));
    state_->spec = with_preferred_anti_affinity(spec, missing);
  }

  void add(const AddTopologySpread& s) {
    start(s.target);
    use_spec(s.template_path, s.spec);
    use_chart(s.values);
    const auto& present = state_->spec->topology_spread;
    if (std::find(present.begin(), present.end(), s.constraint) != present.end()) return;
    append(operations_of(
        [&](JsonWriter& w) { write_add_topology_spread_ops(w, state_->template_path, *state_->spec, s.constraint); }));
    state_->spec = with_topology_spread(*state_->spec, s.constraint);
  }

  void add(const SetTrafficDistribution& t) {
    start(t.target);
    SetTrafficDistribution on_state = t;
    on_state.current = state_->traffic_distribution.value_or(t.current);
    state_->traffic_distribution = t.value;
    append(operations_of([&](JsonWriter& w) { write_traffic_distribution_ops(w, on_state); }));
  }

  void add(const RemoveAnnotation& r) {
    start(r.target);
    if (!state_->removed_annotations.insert(r.key).second) return;
    append(operations_of([&](JsonWriter& w) { write_remove_annotation_ops(w, r); }));
  }

  void add(const SetConfigKey& c) {
    start(c.target);
    SetConfigKey on_state = c;
    if (auto it = state_->config.find(c.key); it != state_->config.end()) on_state.current = it->second;
    state_->config[c.key] = c.value;
    append(operations_of([&](JsonWriter& w) { write_config_key_ops(w, on_state); }));
    // Helm renders the ConfigMap from the chart's values: the value goes there too.
    std::string_view key = charts::config_values_key(c.chart, c.key);
    if (manager_.kind != Kind::Helm || key.empty()) return;
    JsonWriter w;
    w.begin_object();
    write_dotted(w, key, [&](JsonWriter& v) {
      if (c.value == "true" || c.value == "false")
        v.boolean(c.value == "true");
      else
        v.string(c.value);
    });
    w.end_object();
    values_ = w.take();
  }

  void add(const AddScrapeKeepRule& k) {
    start(k.target);
    if (state_->scrape_rule) return;
    state_->scrape_rule = true;
    append(operations(scrape_keep_rule_patch(k.scrapes)));
  }

  // Renders what is pending; the next intent starts a new change.
  void flush() {
    if (!open_) return;
    if (!ops_.empty()) {
      std::string patch = "[" + ops_ + "]";
      out_.patches.push_back({target_, "json", patch, field_});
      out_.kubectl.push_back(kubectl_json_patch_command(target_, patch));
    }
    if (values_.empty() && !chart_.chart.empty()) values_ = chart_values();
    render_values(values_, cluster_, manager_, out_);
    open_ = false;
    ops_.clear();
    values_.clear();
    cluster_.clear();
    chart_ = {};
    state_ = nullptr;
    replicas_.reset();
    field_.clear();
  }

  // Names the field of the change open for `f`'s object, unless an earlier intent did.
  void name_field(const std::optional<TargetedField>& f) {
    if (open_ && f && f->target == target_ && field_.empty()) field_ = f->pointer;
  }

 private:
  void start(const model::ObjectRef& target) {
    if (open_ && target_ == target) return;
    flush();
    open_ = true;
    target_ = target;
    state_ = &states_.of(target, finding_);
  }
  void append(const std::string& ops) {
    if (ops.empty()) return;
    ops_ += (ops_.empty() ? "" : ",") + ops;
  }
  // The first intent's view of the template; later ones build on the state it leaves.
  void use_spec(const std::string& path, const model::PodSpec& spec) {
    if (state_->spec) return;
    state_->template_path = path;
    state_->spec = spec;
  }
  void use_chart(const ChartSource& source) {
    if (chart_.chart.empty()) chart_ = source;
    cluster_ = chart_.cluster_name;
  }

  // The chart's (or add-on's) replicas and scheduling keys, as the change leaves them.
  std::string chart_values() const {
    const charts::ChartValues* chart = charts::find_chart(chart_.chart);
    if (!chart) return "";
    JsonWriter w;
    w.begin_object();
    if (replicas_ && !chart->replicas_key.empty()) w.key(chart->replicas_key).number(static_cast<int64_t>(*replicas_));
    const std::optional<model::PodSpec>& spec = state_->spec;
    if (spec && spec->affinity && !chart->components.front().affinity_key.empty()) {
      write_dotted(w, chart->components.front().affinity_key,
                   [&](JsonWriter& v) { write_affinity(v, *spec->affinity); });
    }
    if (spec && !spec->topology_spread.empty() && !chart->topology_spread_key.empty()) {
      w.key(chart->topology_spread_key).begin_array();
      for (const auto& c : spec->topology_spread) write_topology_spread_constraint(w, c);
      w.end_array();
    }
    w.end_object();
    return w.take();
  }

  const analysis::Manager& manager_;
  const rules::Finding& finding_;
  ObjectStates& states_;
  RenderedFix& out_;
  bool open_ = false;
  model::ObjectRef target_;
  ObjectState* state_ = nullptr;  // target_'s
  std::string ops_;               // serialised operations, comma-separated
  std::string values_;            // a JSON object, "" when none
  std::string cluster_;           // for `aws eks update-addon`
  ChartSource chart_;
  std::optional<int32_t> replicas_;  // set when this change sets them (the chart's values carry them)
  std::string field_;                // JSON pointer (RenderedPatch::field)
};

// The label as a guarded JSON patch of the Node (applies to a dumped Node
// file as to the API) and as the kubectl command.
void render_label(LabelNode l, ObjectState& node, RenderedFix& out) {
  if (auto it = node.labels.find(l.key); it != node.labels.end()) {
    if (it->second == l.value) return;  // an earlier fix labels it so already
    l.current = it->second;
  }
  node.labels[l.key] = l.value;
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
  out.patches.push_back({{"v1", "Node", "", l.node}, "json", w.take(), path});
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

namespace {

RenderedFix render_on(const rules::Finding& f, ObjectStates& states) {
  RenderedFix out;
  out.helm_values = "{}";
  out.eks_addon_configuration = "{}";
  out.note = f.fix_note;
  {
    ObjectChange change(f, states, out);
    for (const FixIntent& intent : f.fixes) {
      std::visit(
          [&](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, LabelNode>) {
              change.flush();
              render_label(i, states.of({"v1", "Node", "", i.node}, f), out);
            } else if constexpr (std::is_same_v<T, ChangeNetwork>) {
              change.flush();
              if (!i.command.empty()) out.kubectl.push_back(i.command);
            } else if constexpr (std::is_same_v<T, RunCommand>) {
              change.flush();
              out.kubectl.push_back(i.command);
            } else {
              change.add(i);
              change.name_field(targeted_field(intent));  // after add: it opened the change on its object
            }
          },
          intent);
    }
    change.flush();
  }
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

}  // namespace

RenderedFix render(const rules::Finding& f) {
  ObjectStates fresh;
  return render_on(f, fresh);
}

std::vector<RenderedFix> render_in_order(const std::vector<const rules::Finding*>& findings) {
  ObjectStates states;
  std::vector<RenderedFix> out;
  out.reserve(findings.size());
  for (const rules::Finding* f : findings) out.push_back(render_on(*f, states));
  return out;
}

}  // namespace hybridctl::fix
