// `--save DIR`: what a live read got, replayable offline. One file per
// resource (a List holding the API server's pages as they came), and
// cluster-profile.yaml for `--cluster-profile`: the nodes, the CNI objects,
// and the cluster's version and remote networks where they are known.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "live/atomic_file.h"
#include "live/list_reader.h"
#include "live/resource_table.h"
#include "model/snapshot.h"

namespace hybridctl::live {

// The file a resource is saved to: "core_pods.json", "cilium.io_ciliumnodes.json".
std::string saved_file_name(const ResourceSpec& spec);

// Records one resource's pages into DIR/saved_file_name(spec).
class SavedResource final {
 public:
  SavedResource(const std::string& dir, const ResourceSpec& spec);
  PageRecorder& recorder() { return recorder_; }
  // Closes the List and renames it into place; false with `error`.
  bool commit(std::string& error);

 private:
  AtomicFile file_;
  size_t pages_ = 0;
  PageRecorder recorder_;
};

// Writes DIR/cluster-profile.yaml from the saved files of the profile's
// resources, and the facts of `snapshot` (describe-cluster or the
// --remote-*-network flags). False with `error`.
bool write_cluster_profile(const std::string& dir, const model::Snapshot& snapshot,
                           const std::string& kubernetes_version, std::string& error);

// True for the resources a cluster profile carries (nodes, CNI configuration).
bool in_cluster_profile(const ResourceSpec& spec);

}  // namespace hybridctl::live
