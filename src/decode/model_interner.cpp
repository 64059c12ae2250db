#include "decode/model_interner.h"

namespace hybridctl::decode {

void ModelInterner::intern(model::ObjectMeta& meta) {
  share(maps_, meta.labels);
  share(maps_, meta.annotations);
  share(owners_, meta.owners);
}

void ModelInterner::intern(model::PodSpec& spec) {
  share(maps_, spec.node_selector);
  share(affinities_, spec.affinity);
  share(tolerations_, spec.tolerations);
  share(spreads_, spec.topology_spread);
  share(containers_, spec.containers);
  share(containers_, spec.init_containers);
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
    share(maps_, w.tmpl.labels);
    share(maps_, w.tmpl.annotations);
    intern(w.tmpl.spec);
  }
  for (; services_ < snapshot.services.size(); ++services_) intern(snapshot.services[services_].meta);
  for (; slices_ < snapshot.endpoint_slices.size(); ++slices_) intern(snapshot.endpoint_slices[slices_].meta);
}

}  // namespace hybridctl::decode
