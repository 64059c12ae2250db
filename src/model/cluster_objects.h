// The remaining objects rules read: namespaces, configuration, load
// balancers, RBAC bindings, collectors and CNI pools/BGP, and the facts of
// `aws eks describe-cluster`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/collector_scrape_configs.h"
#include "model/object_meta.h"
#include "model/scheduling.h"

namespace hybridctl::model {

struct Namespace : ObjectBase {};

struct ConfigMap : ObjectBase {
  StringMap data;  // only keys a rule reads (see decode/config_keys)
};

struct IngressBackend {
  std::string service_name;
};

struct Ingress : ObjectBase {
  std::string ingress_class;
  std::vector<IngressBackend> backends;
};

struct TargetGroupBinding : ObjectBase {
  std::string target_type;
  std::string service_name;
};

struct Subject {
  std::string kind;
  std::string name;
  std::string ns;
};

struct ClusterRoleBinding : ObjectBase {
  std::string role_name;
  std::vector<Subject> subjects;
};

struct OpenTelemetryCollector : ObjectBase {
  std::string mode;
  std::optional<Affinity> affinity;
  StringMap node_selector;
  CollectorScrapeConfigs config;  // spec.config, as far as Prometheus scraping goes
};

// A pool of pod addresses a CNI hands out, with the nodes it serves.
struct PodPool : ObjectBase {
  std::vector<std::string> cidrs;
  std::string node_selector;          // Calico selector expression ("" = all nodes)
  LabelSelector node_label_selector;  // Cilium-style selector
  bool disabled = false;              // Calico `disabled`: no new addresses are handed out
  bool bgp_export_disabled = false;   // Calico `disableBGPExport`: addresses handed out, routes not exported
};

// A BGP object advertising pod CIDRs (or able to), and which nodes it covers.
enum class BgpKind : uint8_t {
  CiliumPeeringPolicy,
  CiliumClusterConfig,
  CiliumPeerConfig,
  CiliumAdvertisement,
  CalicoPeer
};

struct BgpAdvertiser : ObjectBase {
  BgpKind bgp_kind = BgpKind::CiliumPeeringPolicy;
  std::vector<std::string> peer_config_refs;  // CiliumBGPClusterConfig → CiliumBGPPeerConfig names
  LabelSelector node_selector;                // nodes that peer (Cilium); absent: all nodes
  std::string calico_node_selector;           // Calico BGPPeer selector expression
  bool advertises_pod_cidr = false;
  StringMap advertisement_labels;        // CiliumBGPAdvertisement's own labels
  LabelSelector advertisement_selector;  // CiliumBGPPeerConfig families[].advertisements
};

struct CiliumNode : ObjectBase {
  std::vector<std::string> pod_cidrs;
};

struct ClusterInfo {
  std::string name;
  std::string kubernetes_version;
  bool has_remote_network_config = false;
  std::vector<std::string> remote_node_networks;
  std::vector<std::string> remote_pod_networks;
  Origin origin;
};

struct UnknownObject : ObjectBase {};

}  // namespace hybridctl::model
