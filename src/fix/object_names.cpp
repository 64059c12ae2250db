#include "fix/object_names.h"

namespace hybridctl::fix {

std::string pod_spec_path(const model::Workload& w) {
  return w.workload_kind == model::WorkloadKind::CronJob ? "/spec/jobTemplate/spec/template/spec"
                                                         : "/spec/template/spec";
}

std::string describe(const model::ObjectBase& o) {
  return o.kind + " " + (o.meta.ns.empty() ? "" : o.meta.ns + "/") + o.meta.name;
}

}  // namespace hybridctl::fix
