// The --remote-network-config argument of `aws eks update-cluster-config`
// (ChangeNetwork advice), written by fix/ so no rule writes JSON.
#pragma once

#include <string>
#include <vector>

namespace hybridctl::fix {

// {"remoteNodeNetworks":[{"cidrs":[...]}],"remotePodNetworks":[{"cidrs":[...]}]}
std::string remote_network_config(const std::vector<std::string>& node_cidrs,
                                  const std::vector<std::string>& pod_cidrs);

}  // namespace hybridctl::fix
