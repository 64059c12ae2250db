#include "analysis/placement/pod_templates.h"

namespace hybridctl::analysis::placement {
namespace {

void put(std::string& out, std::string_view s) {
  out += s;
  out += '\x1f';
}

void put(std::string& out, const StringMap& m) {
  for (const auto& [k, v] : m) {
    put(out, k);
    put(out, v);
  }
  out += '\x1e';
}

void put(std::string& out, const std::vector<std::string>& v) {
  for (const auto& s : v) put(out, s);
  out += '\x1e';
}

void put(std::string& out, const std::vector<model::Requirement>& rs) {
  for (const auto& r : rs) {
    put(out, r.key);
    put(out, r.op);
    put(out, r.values);
  }
  out += '\x1d';
}

void put(std::string& out, const model::LabelSelector& s) {
  out += s.present ? 'P' : 'N';
  put(out, s.match_labels);
  put(out, s.match_expressions);
}

void put(std::string& out, const model::NodeSelectorTerm& t) {
  put(out, t.match_expressions);
  put(out, t.match_fields);
}

void put(std::string& out, const model::PodAffinityTerm& t) {
  put(out, t.label_selector);
  put(out, t.namespaces);
  put(out, t.namespace_selector);
  put(out, t.topology_key);
  put(out, t.match_label_keys);
  put(out, t.mismatch_label_keys);
}

void put(std::string& out, const std::optional<model::PodAffinity>& a) {
  if (!a) return put(out, "-");
  for (const auto& t : a->required) put(out, t);
  out += '\x1c';
  for (const auto& w : a->preferred) {
    put(out, std::to_string(w.weight));
    put(out, w.term);
  }
  out += '\x1c';
}

bool mentions_hostname(const std::vector<model::Requirement>& rs) {
  for (const auto& r : rs) {
    if (r.key == model::kHostnameLabel) return true;
  }
  return false;
}

// True when a static plugin's answer can differ between two nodes of one
// class (they differ only in name and hostname label).
bool depends_on_node_identity(const model::PodSpec& s) {
  if (!s.node_name.empty() || s.node_selector.contains(model::kHostnameLabel)) return true;
  if (!s.affinity || !s.affinity->node_affinity) return false;
  const auto& na = *s.affinity->node_affinity;
  for (const auto& t : na.required.terms) {
    if (!t.match_fields.empty() || mentions_hostname(t.match_expressions)) return true;
  }
  for (const auto& p : na.preferred) {
    if (!p.preference.match_fields.empty() || mentions_hostname(p.preference.match_expressions)) return true;
  }
  return false;
}

}  // namespace

std::string template_fingerprint(std::string_view ns, const StringMap& labels, const model::PodSpec& s,
                                 const model::Workload* workload, bool without_node_name) {
  std::string out;
  put(out, ns);
  put(out, labels);
  put(out, std::to_string(reinterpret_cast<uintptr_t>(workload)));
  put(out, s.node_selector);
  put(out, without_node_name ? std::string_view() : std::string_view(s.node_name));
  put(out, s.host_network ? "H" : "-");
  if (s.affinity) {
    if (const auto& na = s.affinity->node_affinity) {
      out += na->required.present ? 'P' : 'N';
      for (const auto& t : na->required.terms) put(out, t);
      for (const auto& p : na->preferred) {
        put(out, std::to_string(p.weight));
        put(out, p.preference);
      }
    }
    put(out, s.affinity->pod_affinity);
    put(out, s.affinity->pod_anti_affinity);
  }
  out += '\x1b';
  for (const auto& t : s.tolerations) {
    put(out, t.key);
    put(out, t.op);
    put(out, t.value);
    put(out, t.effect);
  }
  out += '\x1b';
  for (const auto& c : s.topology_spread) {
    put(out, std::to_string(c.max_skew));
    put(out, c.topology_key);
    put(out, c.when_unsatisfiable);
    put(out, c.label_selector);
    put(out, c.min_domains ? std::to_string(*c.min_domains) : "-");
    put(out, c.node_affinity_policy);
    put(out, c.node_taints_policy);
    put(out, c.match_label_keys);
  }
  out += '\x1b';
  PodRequests r = pod_requests(s);
  put(out, std::to_string(r.cpu_milli) + "/" + std::to_string(r.memory_bytes) + "/" +
               std::to_string(r.nonzero_cpu_milli) + "/" + std::to_string(r.nonzero_memory_bytes));
  return out;
}

TemplateId TemplateTable::intern(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                                 const model::Workload* workload, bool bound_pod) {
  return intern(template_fingerprint(ns, labels, spec, workload, bound_pod), ns, labels, spec, workload, bound_pod);
}

TemplateId TemplateTable::intern(std::string key, std::string_view ns, const StringMap& labels,
                                 const model::PodSpec& spec, const model::Workload* workload, bool bound_pod) {
  auto it = ids_.find(key);
  if (it != ids_.end()) return it->second;
  TemplateId id = append(ns, labels, spec, workload, bound_pod);
  ids_.emplace(std::move(key), id);
  return id;
}

TemplateId TemplateTable::add(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                              const model::Workload* workload) {
  return append(ns, labels, spec, workload, /*bound_pod=*/false);
}

TemplateId TemplateTable::append(std::string_view ns, const StringMap& labels, const model::PodSpec& spec,
                                 const model::Workload* workload, bool bound_pod) {
  auto info = std::make_unique<PodTemplateInfo>();
  info->ns = std::string(ns);
  info->labels = labels;
  info->spec = spec;
  if (bound_pod) info->spec.node_name.clear();
  info->workload = workload;
  info->namespace_labels = snapshot_.namespace_labels(ns);
  info->requests = pod_requests(spec);
  info->statics_per_node = depends_on_node_identity(spec);
  TemplateId id = static_cast<TemplateId>(templates_.size());
  templates_.push_back(std::move(info));
  return id;
}

void add_daemon_pod_tolerations(model::PodSpec& spec) {
  auto add = [&](const char* key, const char* effect) {
    spec.tolerations.push_back({key, "Exists", "", effect, std::nullopt});
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (spec.host_network) add("node.kubernetes.io/network-unavailable", "NoSchedule");
}

}  // namespace hybridctl::analysis::placement
