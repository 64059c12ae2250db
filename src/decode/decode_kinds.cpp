#include "decode/decode_kinds.h"

#include <functional>
#include <tuple>
#include <unordered_map>

#include "decode/decode_collector_config.h"
#include "decode/decode_pod_spec.h"
#include "decode/field_reader.h"

namespace hybridctl::decode {
namespace {

using model::ObjectBase;
using model::Snapshot;

// Annotations larger than this are dropped: no rule reads them and
// last-applied-configuration can be as large as the object itself.
constexpr size_t kMaxAnnotationBytes = 1024;

template <typename T>
T with_base(ObjectBase base) {
  T t;
  static_cast<ObjectBase&>(t) = std::move(base);
  return t;
}

std::optional<model::ServiceReference> decode_service_ref(const Value* v, std::string_view field) {
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_object()) type_error(*v, field, "a mapping");
  model::ServiceReference r;
  r.ns = read_string(v->get("namespace"), "namespace");
  r.name = read_string(v->get("name"), "name");
  if (auto p = read_int(v->get("port"), "port", 1, 65535)) r.port = static_cast<int32_t>(*p);
  r.path = read_string(v->get("path"), "path");
  return r;
}

model::PodTemplate decode_template(const Value* t) {
  model::PodTemplate out;
  if (!t || t->is_null()) return out;
  if (!t->is_object()) type_error(*t, "template", "a mapping");
  const Value* meta = read_object(t->get("metadata"), "template.metadata");
  out.labels = read_string_map(meta ? meta->get("labels") : nullptr, "template.metadata.labels");
  out.annotations = read_string_map(meta ? meta->get("annotations") : nullptr, "template.metadata.annotations");
  out.spec = decode_pod_spec(t->get("spec"));
  return out;
}

void decode_workload(const Value& obj, ObjectBase base, Snapshot& into, model::WorkloadKind kind) {
  auto w = with_base<model::Workload>(std::move(base));
  w.workload_kind = kind;
  const Value* spec = obj.get("spec");
  if (spec && !spec->is_null() && !spec->is_object()) type_error(*spec, "spec", "a mapping");
  if (kind == model::WorkloadKind::CronJob) {
    const Value* job = spec ? read_object(spec->get("jobTemplate"), "spec.jobTemplate") : nullptr;
    spec = job ? read_object(job->get("spec"), "spec.jobTemplate.spec") : nullptr;
  }
  if (spec) {
    const char* count_field =
        kind == model::WorkloadKind::Job || kind == model::WorkloadKind::CronJob ? "parallelism" : "replicas";
    if (auto r = read_int(spec->get(count_field), std::string("spec.") + count_field, 0, INT32_MAX)) {
      w.replicas = static_cast<int32_t>(*r);
    }
    w.selector = decode_label_selector(spec->get("selector"), "spec.selector");
    w.tmpl = decode_template(spec->get("template"));
  }
  into.workloads.push_back(std::move(w));
}

void decode_pod(const Value& obj, ObjectBase base, Snapshot& into) {
  auto p = with_base<model::Pod>(std::move(base));
  p.spec = decode_pod_spec(obj.get("spec"));
  if (const Value* st = obj.get("status"); st && !st->is_null()) {
    if (!st->is_object()) type_error(*st, "status", "a mapping");
    p.phase = read_string(st->get("phase"), "phase");
    p.pod_ip = read_ip(st->get("podIP"), "podIP");
    p.host_ip = read_string(st->get("hostIP"), "hostIP");
    for (const Value& ip : read_list(st->get("podIPs"), "podIPs")) {
      p.pod_ips.push_back(read_ip(ip.is_object() ? ip.get("ip") : &ip, "podIPs[].ip"));
    }
    for (const Value& item : read_list(st->get("conditions"), "conditions")) {
      const Value& c = read_object_item(item, "conditions[]");
      if (read_string(c.get("type"), "type") == "Ready") p.ready = read_string(c.get("status"), "status") == "True";
    }
  }
  into.pods.push_back(std::move(p));
}

void decode_node(const Value& obj, ObjectBase base, Snapshot& into) {
  auto n = with_base<model::Node>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    n.taints = decode_taints(spec->get("taints"));
    n.unschedulable = read_bool(spec->get("unschedulable"), "unschedulable").value_or(false);
    n.pod_cidrs = read_cidr_list(spec->get("podCIDRs"), "podCIDRs");
    if (n.pod_cidrs.empty()) {
      std::string cidr = read_cidr(spec->get("podCIDR"), "podCIDR");
      if (!cidr.empty()) n.pod_cidrs.push_back(cidr);
    }
  }
  if (const Value* st = read_object(obj.get("status"), "status")) {
    for (const Value& item : read_list(st->get("addresses"), "addresses")) {
      const Value& a = read_object_item(item, "addresses[]");
      if (read_string(a.get("type"), "type") == "InternalIP" && n.internal_ip.empty()) {
        n.internal_ip = read_ip(a.get("address"), "address");
      }
    }
    if (const Value* alloc = read_object(st->get("allocatable"), "allocatable")) {
      n.allocatable_cpu_milli = parse_cpu_milli(read_string(alloc->get("cpu"), "cpu")).value_or(0);
      n.allocatable_memory_bytes = parse_bytes(read_string(alloc->get("memory"), "memory")).value_or(0);
      n.allocatable_pods = parse_bytes(read_string(alloc->get("pods"), "pods")).value_or(0);
    }
    for (const Value& item : read_list(st->get("conditions"), "conditions")) {
      const Value& c = read_object_item(item, "conditions[]");
      if (read_string(c.get("type"), "type") == "Ready") n.ready = read_string(c.get("status"), "status") == "True";
    }
    if (const Value* info = read_object(st->get("nodeInfo"), "nodeInfo")) {
      n.kubelet_version = read_string(info->get("kubeletVersion"), "kubeletVersion");
      n.kube_proxy_version = read_string(info->get("kubeProxyVersion"), "kubeProxyVersion");
    }
  }
  into.nodes.push_back(std::move(n));
}

void decode_service(const Value& obj, ObjectBase base, Snapshot& into) {
  auto s = with_base<model::Service>(std::move(base));
  if (const Value* spec = obj.get("spec")) {
    if (!spec->is_object() && !spec->is_null()) type_error(*spec, "spec", "a mapping");
    std::string type = read_string(spec->get("type"), "type");
    if (!type.empty()) s.type = type;
    if (const Value* sel = spec->get("selector"); sel && !sel->is_null()) {
      s.selector = read_string_map(sel, "spec.selector");
      s.has_selector = !s.selector.empty();
    }
    s.cluster_ip = read_string(spec->get("clusterIP"), "clusterIP");
    for (const Value& p : read_list(spec->get("ports"), "ports")) {
      if (!p.is_object()) type_error(p, "ports[]", "a mapping");
      model::ServicePort port;
      port.name = read_string(p.get("name"), "name");
      port.port = static_cast<int32_t>(read_int(p.get("port"), "port", 0, 65535).value_or(0));
      port.node_port = static_cast<int32_t>(read_int(p.get("nodePort"), "nodePort", 0, 65535).value_or(0));
      if (const Value* tp = p.get("targetPort")) {
        if (tp->kind() == Value::Kind::Number) {
          port.target_port_number = static_cast<int32_t>(read_int(tp, "targetPort", 0, 65535).value_or(0));
        } else {
          port.target_port_name = read_string(tp, "targetPort");
        }
      }
      s.ports.push_back(std::move(port));
    }
    s.traffic_distribution = read_string(spec->get("trafficDistribution"), "trafficDistribution");
    s.internal_traffic_policy = read_string(spec->get("internalTrafficPolicy"), "internalTrafficPolicy");
    s.external_traffic_policy = read_string(spec->get("externalTrafficPolicy"), "externalTrafficPolicy");
    s.external_name = read_string(spec->get("externalName"), "externalName");
    s.external_ips = read_string_list(spec->get("externalIPs"), "externalIPs");
    s.publish_not_ready_addresses =
        read_bool(spec->get("publishNotReadyAddresses"), "publishNotReadyAddresses").value_or(false);
  }
  if (const Value* ing = obj.at({"status", "loadBalancer", "ingress"})) {
    for (const Value& item : read_list(ing, "status.loadBalancer.ingress")) {
      const Value& i = read_object_item(item, "status.loadBalancer.ingress[]");
      std::string addr = read_string(i.get("ip"), "ip");
      if (addr.empty()) addr = read_string(i.get("hostname"), "hostname");
      s.load_balancer_ingress.push_back(addr);
    }
  }
  into.services.push_back(std::move(s));
}

std::vector<model::EndpointPort> decode_endpoint_ports(const Value* ports, std::string_view field) {
  std::vector<model::EndpointPort> out;
  for (const Value& item : read_list(ports, field)) {
    const Value& p = read_object_item(item, field);
    model::EndpointPort port;
    port.name = read_string(p.get("name"), "ports[].name");
    if (auto n = read_int(p.get("port"), "ports[].port", 0, 65535)) port.port = static_cast<int32_t>(*n);
    out.push_back(std::move(port));
  }
  return out;
}

void read_target_ref(const Value& holder, std::string& kind, std::string& name, std::string& ns) {
  if (const Value* t = read_object(holder.get("targetRef"), "targetRef")) {
    kind = read_string(t->get("kind"), "targetRef.kind");
    name = read_string(t->get("name"), "targetRef.name");
    ns = read_string(t->get("namespace"), "targetRef.namespace");
  }
}

// core/v1 Endpoints: subsets[].addresses (ready) and notReadyAddresses.
void decode_core_endpoints(const Value& obj, ObjectBase base, Snapshot& into) {
  auto e = with_base<model::CoreEndpoints>(std::move(base));
  for (const Value& item : read_list(obj.get("subsets"), "subsets")) {
    const Value& s = read_object_item(item, "subsets[]");
    model::EndpointSubset subset;
    for (auto [list, field, out] :
         {std::tuple{"addresses", "subsets[].addresses[]", &subset.addresses},
          std::tuple{"notReadyAddresses", "subsets[].notReadyAddresses[]", &subset.not_ready_addresses}}) {
      for (const Value& a : read_list(s.get(list), field)) {
        const Value& address = read_object_item(a, field);
        model::EndpointAddress ea;
        ea.ip = read_ip(address.get("ip"), "ip");
        ea.node_name = read_string(address.get("nodeName"), "nodeName");
        read_target_ref(address, ea.target_kind, ea.target_name, ea.target_ns);
        out->push_back(std::move(ea));
      }
    }
    subset.ports = decode_endpoint_ports(s.get("ports"), "subsets[].ports[]");
    e.subsets.push_back(std::move(subset));
  }
  into.endpoints.push_back(std::move(e));
}

// A caBundle counts only when it holds something: an empty string is what
// a chart renders before cert-manager's cainjector has filled it.
bool has_ca_bundle(const Value* client_config) {
  return client_config && !read_string(client_config->get("caBundle"), "caBundle").empty();
}

void decode_endpoint_slice(const Value& obj, ObjectBase base, Snapshot& into) {
  auto s = with_base<model::EndpointSlice>(std::move(base));
  s.service_name = std::string(s.meta.labels.get("kubernetes.io/service-name"));
  s.address_type = read_string(obj.get("addressType"), "addressType");
  for (const Value& e : read_list(obj.get("endpoints"), "endpoints")) {
    if (!e.is_object()) type_error(e, "endpoints[]", "a mapping");
    model::Endpoint ep;
    ep.addresses = read_string_list(e.get("addresses"), "addresses");
    if (const Value* c = read_object(e.get("conditions"), "conditions")) {
      ep.ready = read_bool(c->get("ready"), "conditions.ready");
      ep.serving = read_bool(c->get("serving"), "conditions.serving");
      ep.terminating = read_bool(c->get("terminating"), "conditions.terminating");
    }
    ep.node_name = read_string(e.get("nodeName"), "nodeName");
    ep.zone = read_string(e.get("zone"), "zone");
    if (const Value* h = read_object(e.get("hints"), "hints")) {
      model::EndpointHints hints;
      for (const Value& z : read_list(h->get("forZones"), "hints.forZones")) {
        hints.for_zones.push_back(read_string(read_object_item(z, "hints.forZones[]").get("name"), "name"));
      }
      for (const Value& n : read_list(h->get("forNodes"), "hints.forNodes")) {
        hints.for_nodes.push_back(read_string(read_object_item(n, "hints.forNodes[]").get("name"), "name"));
      }
      ep.hints = std::move(hints);
    }
    read_target_ref(e, ep.target_kind, ep.target_name, ep.target_ns);
    s.endpoints.push_back(std::move(ep));
  }
  s.ports = decode_endpoint_ports(obj.get("ports"), "ports[]");
  into.endpoint_slices.push_back(std::move(s));
}

void decode_webhooks(const Value& obj, ObjectBase base, Snapshot& into, bool mutating) {
  auto c = with_base<model::WebhookConfiguration>(std::move(base));
  c.mutating = mutating;
  for (const Value& w : read_list(obj.get("webhooks"), "webhooks")) {
    if (!w.is_object()) type_error(w, "webhooks[]", "a mapping");
    model::Webhook hook;
    hook.name = read_string(w.get("name"), "name");
    if (const Value* cc = read_object(w.get("clientConfig"), "clientConfig")) {
      hook.service = decode_service_ref(cc->get("service"), "clientConfig.service");
      hook.url = read_string(cc->get("url"), "clientConfig.url");
      hook.has_ca_bundle = has_ca_bundle(cc);
    }
    hook.failure_policy = read_string(w.get("failurePolicy"), "failurePolicy");
    if (auto t = read_int(w.get("timeoutSeconds"), "timeoutSeconds", 1, 30))
      hook.timeout_seconds = static_cast<int32_t>(*t);
    for (const Value& item : read_list(w.get("rules"), "rules")) {
      const Value& r = read_object_item(item, "rules[]");
      model::WebhookRule rule;
      rule.operations = read_string_list(r.get("operations"), "operations");
      rule.api_groups = read_string_list(r.get("apiGroups"), "apiGroups");
      rule.api_versions = read_string_list(r.get("apiVersions"), "apiVersions");
      rule.resources = read_string_list(r.get("resources"), "resources");
      rule.scope = read_string(r.get("scope"), "scope");
      hook.rules.push_back(std::move(rule));
    }
    hook.namespace_selector = decode_label_selector(w.get("namespaceSelector"), "namespaceSelector");
    hook.object_selector = decode_label_selector(w.get("objectSelector"), "objectSelector");
    c.webhooks.push_back(std::move(hook));
  }
  into.webhook_configurations.push_back(std::move(c));
}

void decode_api_service(const Value& obj, ObjectBase base, Snapshot& into) {
  auto a = with_base<model::APIService>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    a.group = read_string(spec->get("group"), "group");
    a.version = read_string(spec->get("version"), "version");
    a.service = decode_service_ref(spec->get("service"), "spec.service");
    a.has_ca_bundle = has_ca_bundle(spec);
    a.insecure_skip_tls_verify =
        read_bool(spec->get("insecureSkipTLSVerify"), "spec.insecureSkipTLSVerify").value_or(false);
  }
  if (const Value* status = read_object(obj.get("status"), "status")) {
    for (const Value& item : read_list(status->get("conditions"), "status.conditions")) {
      const Value& c = read_object_item(item, "status.conditions[]");
      if (read_string(c.get("type"), "type") != "Available") continue;
      a.available = read_string(c.get("status"), "status") == "True";
    }
  }
  into.api_services.push_back(std::move(a));
}

void decode_crd(const Value& obj, ObjectBase base, Snapshot& into) {
  auto c = with_base<model::CustomResourceDefinition>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    c.group = read_string(spec->get("group"), "group");
    if (const Value* names = read_object(spec->get("names"), "names")) {
      c.plural = read_string(names->get("plural"), "names.plural");
    }
    if (const Value* conv = read_object(spec->get("conversion"), "conversion")) {
      // v1: conversion.webhook.clientConfig.service; v1beta1: conversion.webhookClientConfig.service.
      const Value* cc = conv->at({"webhook", "clientConfig"});
      if (!cc) cc = conv->get("webhookClientConfig");
      const Value* svc = cc && cc->is_object() ? cc->get("service") : nullptr;
      if (read_string(conv->get("strategy"), "strategy") == "Webhook") {
        c.conversion_service = decode_service_ref(svc, "conversion.webhook.clientConfig.service");
        if (cc && cc->is_object()) {
          c.conversion_url = read_string(cc->get("url"), "conversion.webhook.clientConfig.url");
          c.conversion_has_ca_bundle = has_ca_bundle(cc);
        }
      }
    }
  }
  into.crds.push_back(std::move(c));
}

}  // namespace

bool is_read_config_key(std::string_view key) {
  static constexpr std::string_view keys[] = {
      "enable-service-topology", "cluster-pool-ipv4-cidr",   "cluster-pool-ipv6-cidr", "ipam",
      "kube-proxy-replacement",  "enable-bgp-control-plane", "routing-mode",           "tunnel-protocol"};
  for (std::string_view k : keys) {
    if (k == key) return true;
  }
  return false;
}

namespace {

void decode_config_map(const Value& obj, ObjectBase base, Snapshot& into) {
  auto c = with_base<model::ConfigMap>(std::move(base));
  for (const auto& [k, v] : read_map(obj.get("data"), "data")) {
    if (is_read_config_key(k)) c.data.set(k, read_string(&v, "data." + k));
  }
  into.config_maps.push_back(std::move(c));
}

void collect_ingress_backend(const Value* backend, model::Ingress& ing) {
  if (!read_object(backend, "backend")) return;
  const Value* service = read_object(backend->get("service"), "backend.service");
  std::string name = read_string(service ? service->get("name") : nullptr, "backend.service.name");
  if (name.empty()) name = read_string(backend->get("serviceName"), "backend.serviceName");  // v1beta1
  if (!name.empty()) ing.backends.push_back({name});
}

void decode_ingress(const Value& obj, ObjectBase base, Snapshot& into) {
  auto ing = with_base<model::Ingress>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    ing.ingress_class = read_string(spec->get("ingressClassName"), "ingressClassName");
    collect_ingress_backend(spec->get("defaultBackend"), ing);
    collect_ingress_backend(spec->get("backend"), ing);
    for (const Value& rule : read_list(spec->get("rules"), "rules")) {
      const Value* http = read_object(read_object_item(rule, "rules[]").get("http"), "http");
      for (const Value& path : read_list(http ? http->get("paths") : nullptr, "http.paths")) {
        collect_ingress_backend(read_object_item(path, "http.paths[]").get("backend"), ing);
      }
    }
  }
  into.ingresses.push_back(std::move(ing));
}

void decode_target_group_binding(const Value& obj, ObjectBase base, Snapshot& into) {
  auto t = with_base<model::TargetGroupBinding>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    t.target_type = read_string(spec->get("targetType"), "targetType");
    const Value* ref = read_object(spec->get("serviceRef"), "serviceRef");
    t.service_name = read_string(ref ? ref->get("name") : nullptr, "serviceRef.name");
  }
  into.target_group_bindings.push_back(std::move(t));
}

void decode_cluster_role_binding(const Value& obj, ObjectBase base, Snapshot& into) {
  auto b = with_base<model::ClusterRoleBinding>(std::move(base));
  const Value* role = read_object(obj.get("roleRef"), "roleRef");
  b.role_name = read_string(role ? role->get("name") : nullptr, "roleRef.name");
  for (const Value& item : read_list(obj.get("subjects"), "subjects")) {
    const Value& s = read_object_item(item, "subjects[]");
    b.subjects.push_back({read_string(s.get("kind"), "kind"), read_string(s.get("name"), "name"),
                          read_string(s.get("namespace"), "namespace")});
  }
  into.cluster_role_bindings.push_back(std::move(b));
}

void decode_otel_collector(const Value& obj, ObjectBase base, Snapshot& into) {
  auto c = with_base<model::OpenTelemetryCollector>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    c.mode = read_string(spec->get("mode"), "mode");
    if (const Value* a = spec->get("affinity"); a && !a->is_null()) c.affinity = decode_affinity(*a);
    c.node_selector = read_string_map(spec->get("nodeSelector"), "nodeSelector");
    c.config = decode_collector_config(spec->get("config"));
  }
  into.otel_collectors.push_back(std::move(c));
}

void decode_calico_ip_pool(const Value& obj, ObjectBase base, Snapshot& into) {
  auto p = with_base<model::PodPool>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    std::string cidr = read_cidr(spec->get("cidr"), "cidr");
    if (!cidr.empty()) p.cidrs.push_back(cidr);
    p.node_selector = read_string(spec->get("nodeSelector"), "nodeSelector");
    p.disabled = read_bool(spec->get("disabled"), "disabled").value_or(false);
    p.bgp_export_disabled = read_bool(spec->get("disableBGPExport"), "disableBGPExport").value_or(false);
  }
  into.pod_pools.push_back(std::move(p));
}

void decode_calico_installation(const Value& obj, ObjectBase base, Snapshot& into) {
  // The Tigera operator's Installation lists the pools it creates.
  const Value* spec = read_object(obj.get("spec"), "spec");
  const Value* network = spec ? read_object(spec->get("calicoNetwork"), "calicoNetwork") : nullptr;
  for (const Value& item : read_list(network ? network->get("ipPools") : nullptr, "calicoNetwork.ipPools")) {
    const Value& pool = read_object_item(item, "calicoNetwork.ipPools[]");
    auto p = with_base<model::PodPool>(base);
    std::string cidr = read_cidr(pool.get("cidr"), "cidr");
    if (!cidr.empty()) p.cidrs.push_back(cidr);
    p.node_selector = read_string(pool.get("nodeSelector"), "nodeSelector");
    // The operator's field is a boolean (it used to be read as a string, and as "pool disabled").
    p.bgp_export_disabled = read_bool(pool.get("disableBGPExport"), "disableBGPExport").value_or(false);
    into.pod_pools.push_back(std::move(p));
  }
  into.unknown.push_back(with_base<model::UnknownObject>(std::move(base)));
}

void decode_cilium_pod_ip_pool(const Value& obj, ObjectBase base, Snapshot& into) {
  auto p = with_base<model::PodPool>(std::move(base));
  if (const Value* spec = read_object(obj.get("spec"), "spec")) {
    for (const char* family : {"ipv4", "ipv6"}) {
      const Value* f = read_object(spec->get(family), family);
      for (auto& c : read_cidr_list(f ? f->get("cidrs") : nullptr, "cidrs")) p.cidrs.push_back(c);
    }
  }
  into.pod_pools.push_back(std::move(p));
}

void decode_cilium_node(const Value& obj, ObjectBase base, Snapshot& into) {
  auto n = with_base<model::CiliumNode>(std::move(base));
  const Value* spec = read_object(obj.get("spec"), "spec");
  const Value* ipam = spec ? read_object(spec->get("ipam"), "spec.ipam") : nullptr;
  n.pod_cidrs = read_cidr_list(ipam ? ipam->get("podCIDRs") : nullptr, "spec.ipam.podCIDRs");
  into.cilium_nodes.push_back(std::move(n));
}

void decode_bgp(const Value& obj, ObjectBase base, Snapshot& into, model::BgpKind kind) {
  auto b = with_base<model::BgpAdvertiser>(std::move(base));
  b.bgp_kind = kind;
  const Value* spec = read_object(obj.get("spec"), "spec");
  switch (kind) {
    case model::BgpKind::CiliumPeeringPolicy:
      b.node_selector = decode_label_selector(spec ? spec->get("nodeSelector") : nullptr, "nodeSelector");
      for (const Value& vr : read_list(spec ? spec->get("virtualRouters") : nullptr, "virtualRouters")) {
        if (read_bool(read_object_item(vr, "virtualRouters[]").get("exportPodCIDR"), "exportPodCIDR").value_or(false))
          b.advertises_pod_cidr = true;
      }
      break;
    case model::BgpKind::CiliumClusterConfig:
      b.node_selector = decode_label_selector(spec ? spec->get("nodeSelector") : nullptr, "nodeSelector");
      for (const Value& inst : read_list(spec ? spec->get("bgpInstances") : nullptr, "bgpInstances")) {
        for (const Value& peer : read_list(read_object_item(inst, "bgpInstances[]").get("peers"), "peers")) {
          const Value* ref_object =
              read_object(read_object_item(peer, "peers[]").get("peerConfigRef"), "peerConfigRef");
          std::string ref = read_string(ref_object ? ref_object->get("name") : nullptr, "peerConfigRef.name");
          if (!ref.empty()) b.peer_config_refs.push_back(ref);
        }
      }
      break;
    case model::BgpKind::CiliumPeerConfig:
      for (const Value& fam : read_list(spec ? spec->get("families") : nullptr, "families")) {
        b.advertisement_selector =
            decode_label_selector(read_object_item(fam, "families[]").get("advertisements"), "advertisements");
      }
      break;
    case model::BgpKind::CiliumAdvertisement:
      b.advertisement_labels = b.meta.labels;
      for (const Value& a : read_list(spec ? spec->get("advertisements") : nullptr, "advertisements")) {
        if (read_string(read_object_item(a, "advertisements[]").get("advertisementType"), "advertisementType") ==
            "PodCIDR")
          b.advertises_pod_cidr = true;
      }
      break;
    case model::BgpKind::CalicoPeer:
      b.calico_node_selector = read_string(spec ? spec->get("nodeSelector") : nullptr, "nodeSelector");
      b.advertises_pod_cidr = true;  // Calico exports its IP pools to every BGP peer
      break;
  }
  into.bgp_advertisers.push_back(std::move(b));
}

using KindDecoder = std::function<void(const Value&, ObjectBase, Snapshot&)>;

const std::unordered_map<std::string, KindDecoder>& decoders() {
  using model::WorkloadKind;
  auto workload = [](WorkloadKind k) {
    return [k](const Value& o, ObjectBase b, Snapshot& s) { decode_workload(o, std::move(b), s, k); };
  };
  auto bgp = [](model::BgpKind k) {
    return [k](const Value& o, ObjectBase b, Snapshot& s) { decode_bgp(o, std::move(b), s, k); };
  };
  static const std::unordered_map<std::string, KindDecoder> table = {
      {"Deployment", workload(WorkloadKind::Deployment)},
      {"StatefulSet", workload(WorkloadKind::StatefulSet)},
      {"DaemonSet", workload(WorkloadKind::DaemonSet)},
      {"ReplicaSet", workload(WorkloadKind::ReplicaSet)},
      {"ReplicationController", workload(WorkloadKind::ReplicationController)},
      {"Job", workload(WorkloadKind::Job)},
      {"CronJob", workload(WorkloadKind::CronJob)},
      {"Pod", decode_pod},
      {"Node", decode_node},
      {"Service", decode_service},
      {"EndpointSlice", decode_endpoint_slice},
      {"Endpoints", decode_core_endpoints},
      {"MutatingWebhookConfiguration",
       [](const Value& o, ObjectBase b, Snapshot& s) { decode_webhooks(o, std::move(b), s, true); }},
      {"ValidatingWebhookConfiguration",
       [](const Value& o, ObjectBase b, Snapshot& s) { decode_webhooks(o, std::move(b), s, false); }},
      {"APIService", decode_api_service},
      {"CustomResourceDefinition", decode_crd},
      {"Namespace", [](const Value&, ObjectBase b,
                       Snapshot& s) { s.namespaces.push_back(with_base<model::Namespace>(std::move(b))); }},
      {"ConfigMap", decode_config_map},
      {"Ingress", decode_ingress},
      {"TargetGroupBinding", decode_target_group_binding},
      {"ClusterRoleBinding", decode_cluster_role_binding},
      {"OpenTelemetryCollector", decode_otel_collector},
      {"IPPool", decode_calico_ip_pool},
      {"Installation", decode_calico_installation},
      {"CiliumPodIPPool", decode_cilium_pod_ip_pool},
      {"CiliumNode", decode_cilium_node},
      {"CiliumBGPPeeringPolicy", bgp(model::BgpKind::CiliumPeeringPolicy)},
      {"CiliumBGPClusterConfig", bgp(model::BgpKind::CiliumClusterConfig)},
      {"CiliumBGPPeerConfig", bgp(model::BgpKind::CiliumPeerConfig)},
      {"CiliumBGPAdvertisement", bgp(model::BgpKind::CiliumAdvertisement)},
      {"BGPPeer", bgp(model::BgpKind::CalicoPeer)},
  };
  return table;
}

}  // namespace

model::ObjectBase decode_base(const Value& obj, const std::string& kind, const DocumentContext& ctx) {
  model::ObjectBase b;
  b.kind = kind;
  b.api_version = read_string(obj.get("apiVersion"), "apiVersion");
  const Value* meta = obj.get("metadata");
  if (meta && !meta->is_null() && !meta->is_object()) type_error(*meta, "metadata", "a mapping");
  if (meta) {
    b.meta.name = read_string(meta->get("name"), "metadata.name");
    if (b.meta.name.empty()) b.meta.name = read_string(meta->get("generateName"), "metadata.generateName");
    b.meta.ns = read_string(meta->get("namespace"), "metadata.namespace");
    b.meta.uid = read_string(meta->get("uid"), "metadata.uid");
    b.meta.labels = read_string_map(meta->get("labels"), "metadata.labels");
    for (const auto& [k, v] : read_map(meta->get("annotations"), "metadata.annotations")) {
      if (!v.is_scalar()) type_error(v, "metadata.annotations." + k, "a string");
      if (v.is_null())
        b.meta.annotations.set(k, {});
      else if (v.text().size() <= kMaxAnnotationBytes)
        b.meta.annotations.set(k, v.text());
    }
    for (const Value& o : read_list(meta->get("ownerReferences"), "metadata.ownerReferences")) {
      if (!o.is_object()) type_error(o, "metadata.ownerReferences[]", "a mapping");
      b.meta.owners.push_back({read_string(o.get("apiVersion"), "apiVersion"), read_string(o.get("kind"), "kind"),
                               read_string(o.get("name"), "name"), read_string(o.get("uid"), "uid"),
                               read_bool(o.get("controller"), "controller").value_or(false)});
    }
    b.meta.deleting = meta->get("deletionTimestamp") && !meta->get("deletionTimestamp")->is_null();
    const Value* managed = meta->get("managedFields");
    if (managed && managed->is_array()) {
      for (const Value& entry : managed->items()) {
        const Value* manager = entry.is_object() ? entry.get("manager") : nullptr;
        if (manager && manager->is_scalar() && manager->text() == "eks") b.meta.managed_by_eks = true;
      }
    }
  }
  LineCol lc = ctx.lines->locate(obj.offset());
  b.origin = {ctx.file_id, lc.line, lc.column};
  return b;
}

void decode_kind(const Value& obj, model::ObjectBase base, model::Snapshot& into) {
  const auto& table = decoders();
  auto it = table.find(base.kind);
  if (it == table.end()) {
    into.unknown.push_back(with_base<model::UnknownObject>(std::move(base)));
    return;
  }
  it->second(obj, std::move(base), into);
}

model::ClusterInfo decode_cluster_info(const Value& cluster, const DocumentContext& ctx) {
  if (!cluster.is_object()) type_error(cluster, "cluster", "a mapping");
  model::ClusterInfo info;
  info.name = read_string(cluster.get("name"), "name");
  info.kubernetes_version = read_string(cluster.get("version"), "version");
  if (const Value* rnc = cluster.get("remoteNetworkConfig"); rnc && !rnc->is_null()) {
    info.has_remote_network_config = true;
    for (const Value& n : read_list(rnc->get("remoteNodeNetworks"), "remoteNodeNetworks")) {
      for (auto& c : read_cidr_list(n.get("cidrs"), "remoteNodeNetworks[].cidrs"))
        info.remote_node_networks.push_back(c);
    }
    for (const Value& n : read_list(rnc->get("remotePodNetworks"), "remotePodNetworks")) {
      for (auto& c : read_cidr_list(n.get("cidrs"), "remotePodNetworks[].cidrs")) info.remote_pod_networks.push_back(c);
    }
  }
  LineCol lc = ctx.lines->locate(cluster.offset());
  info.origin = {ctx.file_id, lc.line, lc.column};
  return info;
}

}  // namespace hybridctl::decode
