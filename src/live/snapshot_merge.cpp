#include "live/snapshot_merge.h"

namespace hybridctl::live {
namespace {

template <typename Vector>
void shift(Vector& objects, uint32_t offset) {
  for (auto& o : objects) {
    if (o.origin.file != UINT32_MAX) o.origin.file += offset;
  }
}

template <typename Vector>
void default_api_version(Vector& objects, const std::string& api_version) {
  for (auto& o : objects) {
    if (o.api_version.empty()) o.api_version = api_version;
  }
}

}  // namespace

void set_missing_api_version(model::Snapshot& s, const std::string& api_version) {
  default_api_version(s.nodes, api_version);
  default_api_version(s.pods, api_version);
  default_api_version(s.workloads, api_version);
  default_api_version(s.services, api_version);
  default_api_version(s.endpoint_slices, api_version);
  default_api_version(s.webhook_configurations, api_version);
  default_api_version(s.api_services, api_version);
  default_api_version(s.crds, api_version);
  default_api_version(s.namespaces, api_version);
  default_api_version(s.config_maps, api_version);
  default_api_version(s.ingresses, api_version);
  default_api_version(s.target_group_bindings, api_version);
  default_api_version(s.cluster_role_bindings, api_version);
  default_api_version(s.otel_collectors, api_version);
  default_api_version(s.pod_pools, api_version);
  default_api_version(s.bgp_advertisers, api_version);
  default_api_version(s.cilium_nodes, api_version);
  default_api_version(s.unknown, api_version);
}

void merge_snapshot(model::Snapshot& into, model::Snapshot&& part) {
  uint32_t offset = static_cast<uint32_t>(into.files.size());
  shift(part.nodes, offset);
  shift(part.pods, offset);
  shift(part.workloads, offset);
  shift(part.services, offset);
  shift(part.endpoint_slices, offset);
  shift(part.webhook_configurations, offset);
  shift(part.api_services, offset);
  shift(part.crds, offset);
  shift(part.namespaces, offset);
  shift(part.config_maps, offset);
  shift(part.ingresses, offset);
  shift(part.target_group_bindings, offset);
  shift(part.cluster_role_bindings, offset);
  shift(part.otel_collectors, offset);
  shift(part.pod_pools, offset);
  shift(part.bgp_advertisers, offset);
  shift(part.cilium_nodes, offset);
  shift(part.unknown, offset);
  for (std::string& f : part.files) into.files.push_back(std::move(f));
  into.absorb(std::move(part));
}

}  // namespace hybridctl::live
