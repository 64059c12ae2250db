#include "decode/decode_pod_spec.h"

#include <charconv>

#include "decode/field_reader.h"

namespace hybridctl::decode {
namespace {

std::vector<model::Requirement> decode_requirements(const Value* v, std::string_view field) {
  std::vector<model::Requirement> out;
  for (const Value& item : read_list(v, field)) {
    if (!item.is_object()) type_error(item, field, "a mapping");
    model::Requirement r;
    r.key = read_string(item.get("key"), "key");
    r.op = read_string(item.get("operator"), "operator");
    r.values = read_string_list(item.get("values"), "values");
    out.push_back(std::move(r));
  }
  return out;
}

model::NodeSelectorTerm decode_term(const Value& v) {
  if (!v.is_object()) type_error(v, "nodeSelectorTerms[]", "a mapping");
  model::NodeSelectorTerm t;
  t.match_expressions = decode_requirements(v.get("matchExpressions"), "matchExpressions");
  t.match_fields = decode_requirements(v.get("matchFields"), "matchFields");
  return t;
}

model::PodAffinityTerm decode_pod_affinity_term(const Value& v) {
  if (!v.is_object()) type_error(v, "podAffinityTerm", "a mapping");
  model::PodAffinityTerm t;
  t.label_selector = decode_label_selector(v.get("labelSelector"), "labelSelector");
  t.namespaces = read_string_list(v.get("namespaces"), "namespaces");
  t.namespace_selector = decode_label_selector(v.get("namespaceSelector"), "namespaceSelector");
  t.topology_key = read_string(v.get("topologyKey"), "topologyKey");
  t.match_label_keys = read_string_list(v.get("matchLabelKeys"), "matchLabelKeys");
  t.mismatch_label_keys = read_string_list(v.get("mismatchLabelKeys"), "mismatchLabelKeys");
  return t;
}

model::PodAffinity decode_pod_affinity(const Value& v, std::string_view field) {
  if (!v.is_object()) type_error(v, field, "a mapping");
  model::PodAffinity a;
  for (const Value& t : read_list(v.get("requiredDuringSchedulingIgnoredDuringExecution"),
                                  "requiredDuringSchedulingIgnoredDuringExecution")) {
    a.required.push_back(decode_pod_affinity_term(t));
  }
  for (const Value& t : read_list(v.get("preferredDuringSchedulingIgnoredDuringExecution"),
                                  "preferredDuringSchedulingIgnoredDuringExecution")) {
    if (!t.is_object()) type_error(t, "preferredDuringSchedulingIgnoredDuringExecution[]", "a mapping");
    model::WeightedPodAffinityTerm w;
    w.weight = static_cast<int32_t>(read_int(t.get("weight"), "weight", 0, 100).value_or(0));
    const Value* term = t.get("podAffinityTerm");
    if (term) w.term = decode_pod_affinity_term(*term);
    a.preferred.push_back(std::move(w));
  }
  return a;
}

model::Container decode_container(const Value& v) {
  if (!v.is_object()) type_error(v, "containers[]", "a mapping");
  model::Container c;
  c.name = read_string(v.get("name"), "name");
  c.image = read_string(v.get("image"), "image");
  for (const Value& p : read_list(v.get("ports"), "ports")) {
    if (!p.is_object()) type_error(p, "ports[]", "a mapping");
    model::ContainerPort port;
    port.name = read_string(p.get("name"), "name");
    port.container_port = static_cast<int32_t>(read_int(p.get("containerPort"), "containerPort", 0, 65535).value_or(0));
    port.protocol = read_string(p.get("protocol"), "protocol");
    c.ports.push_back(std::move(port));
  }
  const Value* resources = read_object(v.get("resources"), "resources");
  if (const Value* req = resources ? read_object(resources->get("requests"), "resources.requests") : nullptr) {
    if (const Value* cpu = req->get("cpu")) c.cpu_request_milli = parse_cpu_milli(read_string(cpu, "cpu")).value_or(0);
    if (const Value* mem = req->get("memory"))
      c.memory_request_bytes = parse_bytes(read_string(mem, "memory")).value_or(0);
  }
  return c;
}

// Parses a Kubernetes quantity (resource.Quantity: sign, decimal digits,
// then a binary suffix Ki..Ei, a decimal suffix n u m "" k M G T P E, or an
// exponent e/E N) into a multiple of `unit_scale` (1000 for milli-CPU, 1 for
// bytes), rounding up as the API does for requests. Exact integer arithmetic:
// doubles turned "9m" into 10 millicores. Out of int64 range → nullopt.
std::optional<int64_t> parse_quantity(std::string_view q, int64_t unit_scale) {
  using Wide = __int128;
  size_t i = 0;
  bool negative = false;
  if (i < q.size() && (q[i] == '+' || q[i] == '-')) negative = q[i++] == '-';
  Wide mantissa = 0;
  int exp10 = 0, digits = 0, significant = 0;
  bool dot = false;
  for (; i < q.size(); ++i) {
    char c = q[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    ++digits;
    if (mantissa == 0 && c == '0') {
      if (dot) --exp10;
      continue;
    }
    if (++significant > 30) return std::nullopt;  // beyond any real quantity; keeps `mantissa` < 2^100
    mantissa = mantissa * 10 + (c - '0');
    if (dot) --exp10;
  }
  if (digits == 0) return std::nullopt;
  std::string_view suffix = q.substr(i);
  int exp2 = 0;
  static const std::pair<std::string_view, int> binary[] = {{"Ki", 10}, {"Mi", 20}, {"Gi", 30},
                                                            {"Ti", 40}, {"Pi", 50}, {"Ei", 60}};
  static const std::pair<std::string_view, int> decimal[] = {{"n", -9}, {"u", -6}, {"m", -3}, {"", 0},   {"k", 3},
                                                             {"M", 6},  {"G", 9},  {"T", 12}, {"P", 15}, {"E", 18}};
  bool known = false;
  for (const auto& [name, e] : binary) {
    if (name == suffix) exp2 = e, known = true;
  }
  for (const auto& [name, e] : decimal) {
    if (name == suffix) exp10 += e, known = true;
  }
  if (!known && suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    int e = 0;
    auto [ptr, ec] = std::from_chars(suffix.data() + 1, suffix.data() + suffix.size(), e);
    if (ec != std::errc() || ptr != suffix.data() + suffix.size() || e > 64 || e < -64) return std::nullopt;
    exp10 += e;
    known = true;
  }
  if (!known) return std::nullopt;
  constexpr Wide kLimit = static_cast<Wide>(INT64_MAX) + 1;  // |result| bound, checked at every step
  if (mantissa == 0) return 0;
  Wide value = mantissa * unit_scale;  // < 2^100 * 1000: no overflow
  for (; exp2 > 0; --exp2) {
    value *= 2;
    if (value > kLimit * 1000) return std::nullopt;
  }
  for (; exp10 > 0; --exp10) {
    value *= 10;
    if (value > kLimit * 1000) return std::nullopt;
  }
  Wide divisor = 1;
  for (; exp10 < 0 && divisor <= value; ++exp10) divisor *= 10;
  // The remaining negative exponent (if any) makes the value a fraction of one unit.
  Wide result = exp10 < 0 ? 1 : (value + divisor - 1) / divisor;  // round up the magnitude...
  if (negative) result = exp10 < 0 ? 0 : value / divisor;         // ...which for negatives is toward zero
  if (result > INT64_MAX) return std::nullopt;
  return static_cast<int64_t>(negative ? -result : result);
}

}  // namespace

std::optional<int64_t> parse_cpu_milli(std::string_view q) { return parse_quantity(q, 1000); }
std::optional<int64_t> parse_bytes(std::string_view q) { return parse_quantity(q, 1); }

model::LabelSelector decode_label_selector(const Value* v, std::string_view field) {
  model::LabelSelector s;
  if (!v || v->is_null()) return s;
  if (!v->is_object()) type_error(*v, field, "a mapping");
  s.present = true;
  s.match_labels = read_string_map(v->get("matchLabels"), "matchLabels");
  s.match_expressions = decode_requirements(v->get("matchExpressions"), "matchExpressions");
  return s;
}

model::NodeSelector decode_node_selector(const Value* v, std::string_view field) {
  model::NodeSelector s;
  if (!v || v->is_null()) return s;
  if (!v->is_object()) type_error(*v, field, "a mapping");
  s.present = true;
  for (const Value& t : read_list(v->get("nodeSelectorTerms"), "nodeSelectorTerms")) {
    s.terms.push_back(decode_term(t));
  }
  return s;
}

model::Affinity decode_affinity(const Value& v) {
  if (!v.is_object()) type_error(v, "affinity", "a mapping");
  model::Affinity a;
  if (const Value* na = v.get("nodeAffinity"); na && !na->is_null()) {
    if (!na->is_object()) type_error(*na, "nodeAffinity", "a mapping");
    model::NodeAffinity n;
    n.required = decode_node_selector(na->get("requiredDuringSchedulingIgnoredDuringExecution"),
                                      "requiredDuringSchedulingIgnoredDuringExecution");
    for (const Value& p : read_list(na->get("preferredDuringSchedulingIgnoredDuringExecution"),
                                    "preferredDuringSchedulingIgnoredDuringExecution")) {
      if (!p.is_object()) type_error(p, "preferredDuringSchedulingIgnoredDuringExecution[]", "a mapping");
      model::PreferredSchedulingTerm t;
      t.weight = static_cast<int32_t>(read_int(p.get("weight"), "weight", 0, 100).value_or(0));
      if (const Value* pref = p.get("preference")) t.preference = decode_term(*pref);
      n.preferred.push_back(std::move(t));
    }
    a.node_affinity = std::move(n);
  }
  if (const Value* pa = v.get("podAffinity"); pa && !pa->is_null()) {
    a.pod_affinity = decode_pod_affinity(*pa, "podAffinity");
  }
  if (const Value* paa = v.get("podAntiAffinity"); paa && !paa->is_null()) {
    a.pod_anti_affinity = decode_pod_affinity(*paa, "podAntiAffinity");
  }
  return a;
}

std::vector<model::Toleration> decode_tolerations(const Value* v) {
  std::vector<model::Toleration> out;
  for (const Value& t : read_list(v, "tolerations")) {
    if (!t.is_object()) type_error(t, "tolerations[]", "a mapping");
    model::Toleration tol;
    tol.key = read_string(t.get("key"), "key");
    tol.op = read_string(t.get("operator"), "operator");
    tol.value = read_string(t.get("value"), "value");
    tol.effect = read_string(t.get("effect"), "effect");
    tol.toleration_seconds = read_int(t.get("tolerationSeconds"), "tolerationSeconds", INT64_MIN, INT64_MAX);
    out.push_back(std::move(tol));
  }
  return out;
}

std::vector<model::Taint> decode_taints(const Value* v) {
  std::vector<model::Taint> out;
  for (const Value& t : read_list(v, "taints")) {
    if (!t.is_object()) type_error(t, "taints[]", "a mapping");
    out.push_back({read_string(t.get("key"), "key"), read_string(t.get("value"), "value"),
                   read_string(t.get("effect"), "effect")});
  }
  return out;
}

model::PodSpec decode_pod_spec(const Value* spec) {
  model::PodSpec s;
  if (!spec || spec->is_null()) return s;
  if (!spec->is_object()) type_error(*spec, "spec", "a mapping");
  s.node_selector = read_string_map(spec->get("nodeSelector"), "nodeSelector");
  if (const Value* a = spec->get("affinity"); a && !a->is_null()) s.affinity = decode_affinity(*a);
  s.tolerations = decode_tolerations(spec->get("tolerations"));
  for (const Value& c : read_list(spec->get("topologySpreadConstraints"), "topologySpreadConstraints")) {
    if (!c.is_object()) type_error(c, "topologySpreadConstraints[]", "a mapping");
    model::TopologySpreadConstraint t;
    t.max_skew = static_cast<int32_t>(read_int(c.get("maxSkew"), "maxSkew", 1, INT32_MAX).value_or(1));
    t.topology_key = read_string(c.get("topologyKey"), "topologyKey");
    t.when_unsatisfiable = read_string(c.get("whenUnsatisfiable"), "whenUnsatisfiable");
    t.label_selector = decode_label_selector(c.get("labelSelector"), "labelSelector");
    if (auto md = read_int(c.get("minDomains"), "minDomains", 1, INT32_MAX)) t.min_domains = static_cast<int32_t>(*md);
    t.node_affinity_policy = read_string(c.get("nodeAffinityPolicy"), "nodeAffinityPolicy");
    t.node_taints_policy = read_string(c.get("nodeTaintsPolicy"), "nodeTaintsPolicy");
    t.match_label_keys = read_string_list(c.get("matchLabelKeys"), "matchLabelKeys");
    s.topology_spread.push_back(std::move(t));
  }
  for (const Value& c : read_list(spec->get("containers"), "containers")) s.containers.push_back(decode_container(c));
  for (const Value& c : read_list(spec->get("initContainers"), "initContainers")) {
    s.init_containers.push_back(decode_container(c));
  }
  s.node_name = read_string(spec->get("nodeName"), "nodeName");
  s.host_network = read_bool(spec->get("hostNetwork"), "hostNetwork").value_or(false);
  s.priority_class_name = read_string(spec->get("priorityClassName"), "priorityClassName");
  s.scheduler_name = read_string(spec->get("schedulerName"), "schedulerName");
  return s;
}

}  // namespace hybridctl::decode
