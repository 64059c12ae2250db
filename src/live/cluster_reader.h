// Reads one cluster: connects (kubectl proxy for a context, or the pod's
// service account), discovers what is served, reads every resource of the
// table that is (a few at a time, each page decoded as it arrives), and
// hands back one snapshot, as if the user had dumped the cluster to a file.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/snapshot.h"

namespace hybridctl::live {

struct ClusterReadOptions {
  std::string kubeconfig;  // --kubeconfig ("" : kubectl's default)
  std::string context;     // --context ("" : the current context)
  bool context_given = false;
  std::string save_dir;  // --save ("" : nothing written)
  bool progress = false;
  size_t page_size = 500;
  unsigned connections = 3;  // lists read at once
};

struct ClusterRead {
  // Set when the cluster could not be read at all (kubectl missing, context
  // unknown, API unreachable): nothing else is meaningful then.
  std::string fatal;
  std::string name;                // the context, or "in-cluster"
  std::string kubernetes_version;  // "1.31" from /version
  model::Snapshot snapshot;
  Diagnostics diagnostics;  // per-resource errors (exit 2) and notes (403s)
  size_t objects = 0;
  bool in_cluster = false;
};

ClusterRead read_cluster(const ClusterReadOptions& options);

}  // namespace hybridctl::live
