#include "live/save.h"

#include <fcntl.h>
#include <unistd.h>

#include "core/json_writer.h"

namespace hybridctl::live {
namespace {

constexpr std::string_view kListOpen = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[\n";
constexpr std::string_view kListClose = "]}\n";

}  // namespace

std::string saved_file_name(const ResourceSpec& spec) {
  return (spec.group.empty() ? std::string("core") : spec.group) + "_" + spec.resource + ".json";
}

bool in_cluster_profile(const ResourceSpec& spec) {
  if (spec.kind == "Node" || spec.kind == "ConfigMap") return true;
  return spec.group == "cilium.io" || spec.group == "crd.projectcalico.org" || spec.group == "operator.tigera.io";
}

SavedResource::SavedResource(const std::string& dir, const ResourceSpec& spec)
    : file_(dir + "/" + saved_file_name(spec)) {
  file_.write(kListOpen);
  recorder_.restart = [this] {
    file_.truncate(kListOpen.size());
    pages_ = 0;
  };
  recorder_.page = [this](int fd) {
    if (pages_++ > 0) file_.write(",\n");
    file_.append_from(fd);
  };
}

bool SavedResource::commit(std::string& error) {
  file_.write(kListClose);
  if (file_.commit()) return true;
  error = file_.error();
  return false;
}

bool write_cluster_profile(const std::string& dir, const model::Snapshot& snapshot,
                           const std::string& kubernetes_version, std::string& error) {
  AtomicFile out(dir + "/cluster-profile.yaml");
  out.write(
      "# hybridctl cluster profile, written by `hybridctl audit --live --save`.\n"
      "# Use it with `hybridctl audit MANIFESTS --cluster-profile cluster-profile.yaml`.\n"
      "# Each document is JSON (which is YAML): the cluster (when its remote networks\n"
      "# are known), then the nodes and the CNI configuration as the API returned them.\n");
  if (!kubernetes_version.empty()) out.write("# Kubernetes version (from /version): " + kubernetes_version + "\n");
  // The remote networks are EKS facts, not Kubernetes objects: they are known
  // only from a describe-cluster input or the --remote-*-network flags. A
  // describe-cluster document without them would claim the cluster has none.
  std::vector<std::string> pods = snapshot.facts.remote_pod_networks, nodes = snapshot.facts.remote_node_networks;
  bool known = !pods.empty() || !nodes.empty();
  std::string name, version = kubernetes_version;
  if (snapshot.cluster_info) {
    const model::ClusterInfo& info = *snapshot.cluster_info;
    known = known || info.has_remote_network_config;
    name = info.name;
    if (!info.kubernetes_version.empty()) version = info.kubernetes_version;
    pods.insert(pods.end(), info.remote_pod_networks.begin(), info.remote_pod_networks.end());
    nodes.insert(nodes.end(), info.remote_node_networks.begin(), info.remote_node_networks.end());
  }
  if (known) {
    JsonWriter w;
    w.begin_object().key("cluster").begin_object();
    if (!name.empty()) w.key("name").string(name);
    if (!version.empty()) w.key("version").string(version);
    w.key("remoteNetworkConfig").begin_object();
    for (auto [key, cidrs] : {std::pair{"remoteNodeNetworks", &nodes}, std::pair{"remotePodNetworks", &pods}}) {
      w.key(key).begin_array().begin_object().key("cidrs").begin_array();
      for (const std::string& c : *cidrs) w.string(c);
      w.end_array().end_object().end_array();
    }
    w.end_object().end_object().end_object();
    out.write("---\n" + w.take() + "\n");
  } else {
    out.write(
        "# Remote networks unknown (not in the Kubernetes API): pass `aws eks describe-cluster`\n"
        "# output or --remote-pod-network/--remote-node-network along with this profile.\n");
  }
  out.write("---\n");
  out.write(kListOpen);
  bool first = true;
  for (const ResourceSpec& spec : resource_table()) {
    if (!in_cluster_profile(spec)) continue;
    int fd = ::open((dir + "/" + saved_file_name(spec)).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;  // not read (absent group, forbidden)
    if (!first) out.write(",\n");
    first = false;
    out.append_from(fd);
    ::close(fd);
  }
  out.write(kListClose);
  if (out.commit()) return true;
  error = out.error();
  return false;
}

}  // namespace hybridctl::live
