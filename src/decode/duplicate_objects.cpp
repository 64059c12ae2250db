#include "decode/duplicate_objects.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "core/hash_mix.h"

namespace hybridctl::decode {
namespace {

// The element types compared inside lists (declared first: same_list finds
// them by ordinary lookup, the model types' namespace has no `same`).
bool same(const model::Endpoint& a, const model::Endpoint& b);
bool same(const model::WebhookRule& a, const model::WebhookRule& b);
bool same(const model::Webhook& a, const model::Webhook& b);
bool same(const model::IngressBackend& a, const model::IngressBackend& b);
bool same(const model::Subject& a, const model::Subject& b);
bool same(const model::ServicePort& a, const model::ServicePort& b);
bool same(const model::ScrapeConfig& a, const model::ScrapeConfig& b);

// What each model type holds, compared field by field (most model types
// declare no equality; PodSpec's covers all it holds; Origin, the position,
// is left out on purpose).
bool same(const model::ObjectMeta& a, const model::ObjectMeta& b) {
  return a.name == b.name && a.ns == b.ns && a.uid == b.uid && a.labels == b.labels && a.annotations == b.annotations &&
         a.owners == b.owners && a.deleting == b.deleting;
}
bool same_base(const model::ObjectBase& a, const model::ObjectBase& b) {
  return a.api_version == b.api_version && a.kind == b.kind && same(a.meta, b.meta);
}
bool same(const model::Node& a, const model::Node& b) {
  return same_base(a, b) && a.taints == b.taints && a.unschedulable == b.unschedulable &&
         a.internal_ip == b.internal_ip && a.pod_cidrs == b.pod_cidrs &&
         a.allocatable_cpu_milli == b.allocatable_cpu_milli &&
         a.allocatable_memory_bytes == b.allocatable_memory_bytes && a.allocatable_pods == b.allocatable_pods &&
         a.ready == b.ready && a.kubelet_version == b.kubelet_version && a.kube_proxy_version == b.kube_proxy_version &&
         a.synthesized == b.synthesized;
}
bool same(const model::Pod& a, const model::Pod& b) {
  return same_base(a, b) && a.spec == b.spec && a.phase == b.phase && a.pod_ip == b.pod_ip && a.pod_ips == b.pod_ips &&
         a.host_ip == b.host_ip && a.ready == b.ready;
}
bool same(const model::Workload& a, const model::Workload& b) {
  return same_base(a, b) && a.workload_kind == b.workload_kind && a.replicas == b.replicas &&
         a.selector == b.selector && a.tmpl.labels == b.tmpl.labels && a.tmpl.annotations == b.tmpl.annotations &&
         a.tmpl.spec == b.tmpl.spec;
}
bool same(const model::ServicePort& a, const model::ServicePort& b) {
  return a.name == b.name && a.port == b.port && a.target_port_number == b.target_port_number &&
         a.target_port_name == b.target_port_name && a.node_port == b.node_port;
}
template <typename T>
bool same_list(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!same(a[i], b[i])) return false;
  }
  return true;
}
bool same(const model::Service& a, const model::Service& b) {
  return same_base(a, b) && a.type == b.type && a.selector == b.selector && a.has_selector == b.has_selector &&
         a.cluster_ip == b.cluster_ip && same_list(a.ports, b.ports) &&
         a.traffic_distribution == b.traffic_distribution && a.internal_traffic_policy == b.internal_traffic_policy &&
         a.external_traffic_policy == b.external_traffic_policy && a.external_name == b.external_name &&
         a.external_ips == b.external_ips && a.load_balancer_ingress == b.load_balancer_ingress &&
         a.publish_not_ready_addresses == b.publish_not_ready_addresses;
}
bool same(const std::optional<model::EndpointHints>& a, const std::optional<model::EndpointHints>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->for_zones == b->for_zones && a->for_nodes == b->for_nodes);
}
bool same(const model::Endpoint& a, const model::Endpoint& b) {
  return a.addresses == b.addresses && a.ready == b.ready && a.serving == b.serving && a.terminating == b.terminating &&
         a.node_name == b.node_name && a.zone == b.zone && same(a.hints, b.hints) && a.target_kind == b.target_kind &&
         a.target_name == b.target_name && a.target_ns == b.target_ns;
}
bool same(const model::EndpointSlice& a, const model::EndpointSlice& b) {
  return same_base(a, b) && a.service_name == b.service_name && a.address_type == b.address_type &&
         same_list(a.endpoints, b.endpoints);
}
bool same(const std::optional<model::ServiceReference>& a, const std::optional<model::ServiceReference>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->ns == b->ns && a->name == b->name && a->port == b->port && a->path == b->path);
}
bool same(const model::WebhookRule& a, const model::WebhookRule& b) {
  return a.operations == b.operations && a.api_groups == b.api_groups && a.api_versions == b.api_versions &&
         a.resources == b.resources && a.scope == b.scope;
}
bool same(const model::Webhook& a, const model::Webhook& b) {
  return a.name == b.name && same(a.service, b.service) && a.url == b.url && a.failure_policy == b.failure_policy &&
         a.timeout_seconds == b.timeout_seconds && same_list(a.rules, b.rules) &&
         a.namespace_selector == b.namespace_selector && a.object_selector == b.object_selector;
}
bool same(const model::WebhookConfiguration& a, const model::WebhookConfiguration& b) {
  return same_base(a, b) && a.mutating == b.mutating && same_list(a.webhooks, b.webhooks);
}
bool same(const model::APIService& a, const model::APIService& b) {
  return same_base(a, b) && a.group == b.group && a.version == b.version && same(a.service, b.service);
}
bool same(const model::CustomResourceDefinition& a, const model::CustomResourceDefinition& b) {
  return same_base(a, b) && a.group == b.group && a.plural == b.plural &&
         same(a.conversion_service, b.conversion_service);
}
bool same(const model::Namespace& a, const model::Namespace& b) { return same_base(a, b); }
bool same(const model::UnknownObject& a, const model::UnknownObject& b) { return same_base(a, b); }
bool same(const model::ConfigMap& a, const model::ConfigMap& b) { return same_base(a, b) && a.data == b.data; }
bool same(const model::IngressBackend& a, const model::IngressBackend& b) { return a.service_name == b.service_name; }
bool same(const model::Ingress& a, const model::Ingress& b) {
  return same_base(a, b) && a.ingress_class == b.ingress_class && same_list(a.backends, b.backends);
}
bool same(const model::TargetGroupBinding& a, const model::TargetGroupBinding& b) {
  return same_base(a, b) && a.target_type == b.target_type && a.service_name == b.service_name;
}
bool same(const model::Subject& a, const model::Subject& b) {
  return a.kind == b.kind && a.name == b.name && a.ns == b.ns;
}
bool same(const model::ClusterRoleBinding& a, const model::ClusterRoleBinding& b) {
  return same_base(a, b) && a.role_name == b.role_name && same_list(a.subjects, b.subjects);
}
// Same kind, text and children, positions aside (member order counts, as
// it does for a YAML mapping written twice from one source).
bool same(const Value& a, const Value& b) {
  if (a.kind() != b.kind() || a.text() != b.text() || a.members().size() != b.members().size() ||
      a.items().size() != b.items().size()) {
    return false;
  }
  for (size_t i = 0; i < a.members().size(); ++i) {
    if (a.members()[i].first != b.members()[i].first || !same(a.members()[i].second, b.members()[i].second))
      return false;
  }
  for (size_t i = 0; i < a.items().size(); ++i) {
    if (!same(a.items()[i], b.items()[i])) return false;
  }
  return true;
}
bool same(const std::optional<Value>& a, const std::optional<Value>& b) {
  return a.has_value() == b.has_value() && (!a || same(*a, *b));
}
bool same(const model::ScrapeConfig& a, const model::ScrapeConfig& b) {
  return a.receiver == b.receiver && a.index == b.index && a.job_name == b.job_name &&
         a.kubernetes_sd_configs == b.kubernetes_sd_configs && a.relabel_configs == b.relabel_configs &&
         same(a.first_relabel_config, b.first_relabel_config);
}
// A string configuration is compared whole; a mapping by what decode read of it.
bool same(const model::CollectorScrapeConfigs& a, const model::CollectorScrapeConfigs& b) {
  return a.is_string == b.is_string && a.text == b.text && a.pipeline_receivers == b.pipeline_receivers &&
         same_list(a.scrape_configs, b.scrape_configs);
}
bool same(const model::OpenTelemetryCollector& a, const model::OpenTelemetryCollector& b) {
  return same_base(a, b) && a.mode == b.mode && a.affinity == b.affinity && a.node_selector == b.node_selector &&
         same(a.config, b.config);
}
bool same(const model::PodPool& a, const model::PodPool& b) {
  return same_base(a, b) && a.cidrs == b.cidrs && a.node_selector == b.node_selector &&
         a.node_label_selector == b.node_label_selector && a.disabled == b.disabled;
}
bool same(const model::BgpAdvertiser& a, const model::BgpAdvertiser& b) {
  return same_base(a, b) && a.bgp_kind == b.bgp_kind && a.peer_config_refs == b.peer_config_refs &&
         a.node_selector == b.node_selector && a.calico_node_selector == b.calico_node_selector &&
         a.advertises_pod_cidr == b.advertises_pod_cidr && a.advertisement_labels == b.advertisement_labels &&
         a.advertisement_selector == b.advertisement_selector;
}
bool same(const model::CiliumNode& a, const model::CiliumNode& b) {
  return same_base(a, b) && a.pod_cidrs == b.pod_cidrs;
}

// Views into the objects themselves: no key string is built per object.
struct Identity {
  std::string_view group, kind, ns, name;
  bool operator==(const Identity&) const = default;
};

size_t identity_hash(const Identity& k) {
  return hash_mix(hash_mix(hash_of(k.group), hash_of(k.kind)), hash_mix(hash_of(k.ns), hash_of(k.name)));
}

Identity identity_of(const model::ObjectBase& o) {
  std::string_view api = o.api_version;
  size_t slash = api.find('/');
  return {slash == std::string_view::npos ? std::string_view() : api.substr(0, slash), o.kind, o.meta.ns, o.meta.name};
}

Location location_of(const model::Snapshot& s, const model::Origin& o) {
  if (o.file >= s.files.size()) return Location{"<synthesised>"};
  return Location{s.files[o.file], o.line, o.column};
}

std::string position_text(const model::Snapshot& s, const model::Origin& o) {
  Location l = location_of(s, o);
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

// Each copy of an object after its first supersedes the one before it.
// Objects are found by sorting (hash, index) pairs rather than through a
// hash map: on the large bench cluster's 150,000 pods the map cost 0.15 s
// on one thread between decoding and the rules, and sorting a few MB of
// pairs costs a tenth of that.
template <typename T>
void merge(std::vector<T>& objects, const model::Snapshot& s, Diagnostics& diagnostics) {
  if (objects.size() < 2) return;
  struct Keyed {
    size_t hash;
    size_t index;
    bool operator<(const Keyed& o) const { return hash != o.hash ? hash < o.hash : index < o.index; }
  };
  std::vector<Keyed> keyed;
  keyed.reserve(objects.size());
  for (size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].meta.name.empty()) continue;  // nameless documents cannot be the same object
    keyed.push_back({identity_hash(identity_of(objects[i])), i});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<bool> superseded;
  std::vector<std::pair<size_t, size_t>> differing;  // (later copy, the copy it supersedes)
  for (size_t run = 0; run < keyed.size();) {
    size_t end = run + 1;
    while (end < keyed.size() && keyed[end].hash == keyed[run].hash) ++end;
    // Within one hash, in input order: each copy supersedes the latest
    // earlier copy of the same identity (other identities are collisions).
    for (size_t a = run; a < end; ++a) {
      const size_t earlier = keyed[a].index;
      const Identity id = identity_of(objects[earlier]);
      for (size_t b = a + 1; b < end; ++b) {
        const size_t later = keyed[b].index;
        if (!(identity_of(objects[later]) == id)) continue;
        if (superseded.empty()) superseded.resize(objects.size(), false);
        superseded[earlier] = true;
        if (!same(objects[earlier], objects[later])) differing.emplace_back(later, earlier);
        break;
      }
    }
    run = end;
  }
  if (superseded.empty()) return;
  // Notes in input order, as a reader meets the later copies.
  std::sort(differing.begin(), differing.end());
  for (const auto& [later, earlier] : differing) {
    const T& o = objects[later];
    diagnostics.note(location_of(s, o.origin), o.kind + " " + (o.meta.ns.empty() ? "" : o.meta.ns + "/") + o.meta.name +
                                                   " is also at " + position_text(s, objects[earlier].origin) +
                                                   " with different content: this later copy is used");
  }
  size_t kept = 0;
  for (size_t i = 0; i < objects.size(); ++i) {
    if (superseded[i]) continue;
    if (kept != i) objects[kept] = std::move(objects[i]);
    ++kept;
  }
  objects.resize(kept);
}

}  // namespace

void merge_duplicate_objects(model::Snapshot& s, Diagnostics& diagnostics) {
  merge(s.nodes, s, diagnostics);
  merge(s.pods, s, diagnostics);
  merge(s.workloads, s, diagnostics);
  merge(s.services, s, diagnostics);
  merge(s.endpoint_slices, s, diagnostics);
  merge(s.webhook_configurations, s, diagnostics);
  merge(s.api_services, s, diagnostics);
  merge(s.crds, s, diagnostics);
  merge(s.namespaces, s, diagnostics);
  merge(s.config_maps, s, diagnostics);
  merge(s.ingresses, s, diagnostics);
  merge(s.target_group_bindings, s, diagnostics);
  merge(s.cluster_role_bindings, s, diagnostics);
  merge(s.otel_collectors, s, diagnostics);
  merge(s.pod_pools, s, diagnostics);
  merge(s.bgp_advertisers, s, diagnostics);
  merge(s.cilium_nodes, s, diagnostics);
  merge(s.unknown, s, diagnostics);
}

}  // namespace hybridctl::decode
