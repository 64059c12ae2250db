#include "fix/remote_network_command.h"

#include "core/json_writer.h"

namespace hybridctl::fix {

std::string remote_network_config(const std::vector<std::string>& node_cidrs,
                                  const std::vector<std::string>& pod_cidrs) {
  JsonWriter w;
  auto network = [&](const char* key, const std::vector<std::string>& cidrs) {
    w.key(key).begin_array().begin_object().key("cidrs").begin_array();
    for (const auto& c : cidrs) w.string(c);
    w.end_array().end_object().end_array();
  };
  w.begin_object();
  network("remoteNodeNetworks", node_cidrs);
  network("remotePodNetworks", pod_cidrs);
  w.end_object();
  return w.take();
}

}  // namespace hybridctl::fix
