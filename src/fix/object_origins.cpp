#include "fix/object_origins.h"

namespace hybridctl::fix {
namespace {

std::string identity(const model::ObjectRef& r) { return r.kind + "\n" + r.ns + "\n" + r.name; }

template <typename T>
void index_objects(const std::vector<T>& objects, std::map<std::string, model::Origin>& out) {
  for (const T& o : objects) {
    if (o.origin.file != UINT32_MAX) out.emplace(identity(o.ref()), o.origin);
  }
}

}  // namespace

ObjectOrigins::ObjectOrigins(const model::Snapshot& s) {
  index_objects(s.workloads, by_identity_);
  index_objects(s.pods, by_identity_);
  index_objects(s.services, by_identity_);
  index_objects(s.config_maps, by_identity_);
  index_objects(s.webhook_configurations, by_identity_);
  index_objects(s.api_services, by_identity_);
  index_objects(s.crds, by_identity_);
  index_objects(s.namespaces, by_identity_);
  index_objects(s.nodes, by_identity_);
  index_objects(s.endpoint_slices, by_identity_);
  index_objects(s.ingresses, by_identity_);
  index_objects(s.target_group_bindings, by_identity_);
  index_objects(s.cluster_role_bindings, by_identity_);
  index_objects(s.otel_collectors, by_identity_);
  index_objects(s.pod_pools, by_identity_);
  index_objects(s.bgp_advertisers, by_identity_);
  index_objects(s.cilium_nodes, by_identity_);
  index_objects(s.unknown, by_identity_);
}

std::optional<model::Origin> ObjectOrigins::find(const model::ObjectRef& ref) const {
  auto it = by_identity_.find(identity(ref));
  if (it == by_identity_.end()) return std::nullopt;
  return it->second;
}

}  // namespace hybridctl::fix
