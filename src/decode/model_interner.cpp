#include "decode/model_interner.h"

namespace hybridctl::decode {

void ModelInterner::intern(model::ObjectMeta& meta) {
  maps_.intern(meta.labels);
  maps_.intern(meta.annotations);
  owners_.intern(meta.owners);
}

void ModelInterner::intern(model::PodSpec& spec) {
  maps_.intern(spec.node_selector);
  affinities_.intern(spec.affinity);
  tolerations_.intern(spec.tolerations);
  spreads_.intern(spec.topology_spread);
  containers_.intern(spec.containers);
  containers_.intern(spec.init_containers);
}

void ModelInterner::skip_existing(const model::Snapshot& snapshot) {
  pods_ = snapshot.pods.size();
  workloads_ = snapshot.workloads.size();
  services_ = snapshot.services.size();
  slices_ = snapshot.endpoint_slices.size();
}

void ModelInterner::intern_new(model::Snapshot& snapshot) {
  for (; pods_ < snapshot.pods.size(); ++pods_) {
    model::Pod& p = snapshot.pods[pods_];
    intern(p.meta);
    intern(p.spec);
  }
  for (; workloads_ < snapshot.workloads.size(); ++workloads_) {
    model::Workload& w = snapshot.workloads[workloads_];
    intern(w.meta);
    maps_.intern(w.tmpl.labels);
    maps_.intern(w.tmpl.annotations);
    intern(w.tmpl.spec);
  }
  for (; services_ < snapshot.services.size(); ++services_) intern(snapshot.services[services_].meta);
  for (; slices_ < snapshot.endpoint_slices.size(); ++slices_) intern(snapshot.endpoint_slices[slices_].meta);
}

}  // namespace hybridctl::decode
