#include "model/content_hash.h"

#include <string_view>

#include "core/hash_mix.h"

namespace hybridctl::model {
namespace {

// Folds values into one hash, order-sensitively (FNV-style multiply, then xor).
class Hasher {
 public:
  Hasher& add(std::string_view s) { return mix(hash_of(s)); }
  Hasher& add(int64_t v) { return mix(std::hash<int64_t>{}(v)); }
  Hasher& add(bool v) { return mix(v ? 0x9e3779b97f4a7c15ULL : 0x7f4a7c159e3779b9ULL); }
  template <typename T>
  Hasher& add(const std::optional<T>& v) {
    return v ? add(true).add(*v) : add(false);
  }
  Hasher& add(const std::vector<std::string>& values) {
    add(static_cast<int64_t>(values.size()));
    for (const auto& v : values) add(v);
    return *this;
  }
  Hasher& add(const StringMap& map) { return mix(content_hash(map)); }
  Hasher& add(const Requirement& r) { return add(r.key).add(r.op).add(r.values); }
  Hasher& add(const std::vector<Requirement>& requirements) {
    add(static_cast<int64_t>(requirements.size()));
    for (const auto& r : requirements) add(r);
    return *this;
  }
  Hasher& add(const LabelSelector& s) { return add(s.present).add(s.match_labels).add(s.match_expressions); }
  Hasher& add(const NodeSelectorTerm& t) { return add(t.match_expressions).add(t.match_fields); }
  Hasher& add(const NodeAffinity& a) {
    add(a.required.present).add(static_cast<int64_t>(a.required.terms.size()));
    for (const auto& t : a.required.terms) add(t);
    for (const auto& p : a.preferred) add(static_cast<int64_t>(p.weight)).add(p.preference);
    return *this;
  }
  Hasher& add(const PodAffinityTerm& t) {
    return add(t.label_selector)
        .add(t.namespaces)
        .add(t.namespace_selector)
        .add(t.topology_key)
        .add(t.match_label_keys)
        .add(t.mismatch_label_keys);
  }
  Hasher& add(const PodAffinity& a) {
    add(static_cast<int64_t>(a.required.size()));
    for (const auto& t : a.required) add(t);
    for (const auto& w : a.preferred) add(static_cast<int64_t>(w.weight)).add(w.term);
    return *this;
  }
  size_t value() const { return h_; }

 private:
  Hasher& mix(size_t v) {
    h_ = hash_mix(h_, v);
    return *this;
  }
  size_t h_ = kHashSeed;
};

}  // namespace

size_t content_hash(const StringMap& map) {
  Hasher h;
  for (const auto& [k, v] : map) h.add(k).add(v);
  return h.value();
}

size_t content_hash(const OwnerReference& o) {
  return Hasher().add(o.api_version).add(o.kind).add(o.name).add(o.uid).add(o.controller).value();
}

size_t content_hash(const Toleration& t) {
  return Hasher().add(t.key).add(t.op).add(t.value).add(t.effect).add(t.toleration_seconds).value();
}

size_t content_hash(const TopologySpreadConstraint& c) {
  return Hasher()
      .add(static_cast<int64_t>(c.max_skew))
      .add(c.topology_key)
      .add(c.when_unsatisfiable)
      .add(c.label_selector)
      .add(c.min_domains ? std::optional<int64_t>(*c.min_domains) : std::nullopt)
      .add(c.node_affinity_policy)
      .add(c.node_taints_policy)
      .add(c.match_label_keys)
      .value();
}

size_t content_hash(const Container& c) {
  Hasher h;
  h.add(c.name).add(c.image).add(c.cpu_request_milli).add(c.memory_request_bytes);
  for (const auto& p : c.ports) h.add(p.name).add(static_cast<int64_t>(p.container_port)).add(p.protocol);
  return h.value();
}

size_t content_hash(const Affinity& a) {
  return Hasher().add(a.node_affinity).add(a.pod_affinity).add(a.pod_anti_affinity).value();
}

size_t content_hash(const PodSpec& s) {
  auto part = [](size_t h) { return static_cast<int64_t>(h); };
  return Hasher()
      .add(s.node_selector)
      .add(part(content_hash(s.affinity)))
      .add(part(content_hash(s.tolerations)))
      .add(part(content_hash(s.topology_spread)))
      .add(part(content_hash(s.containers)))
      .add(part(content_hash(s.init_containers)))
      .add(s.node_name)
      .add(s.host_network)
      .add(s.priority_class_name)
      .add(s.scheduler_name)
      .value();
}

}  // namespace hybridctl::model
