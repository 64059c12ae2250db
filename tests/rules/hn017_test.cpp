// HN017: a hybrid node's InternalIP outside remoteNodeNetworks (nodeadm
// refuses to join such a node; one already joined loses the control plane's
// reach to its kubelet). Only hybrid nodes with an InternalIP are judged,
// and only when describe-cluster gives remoteNodeNetworks.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn017_test {

// `kubectl get node -o yaml`: a cloud node (its VPC address is outside the
// remote networks, as always), a hybrid node inside 10.80.0.0/16, one on
// another on-premises subnet, and one whose kubelet reported no address yet.
std::string nodes() {
  return yaml_stream({kubectl_cloud_node(), kubectl_hybrid_node("mi-0a1b2c3d4e5f60001", "10.80.0.11", "10.85.1.0/24"),
                      kubectl_hybrid_node("mi-0a1b2c3d4e5f60002", "192.168.50.12", "10.85.2.0/24"),
                      kubectl_hybrid_node("mi-0a1b2c3d4e5f60003", "", "10.85.3.0/24")});
}

// With describe-cluster's remote networks: `node_networks` as a JSON list's
// inside; empty leaves remoteNetworkConfig out (no hybrid networking).
std::string cluster(const std::string& node_networks) {
  return yaml_stream({nodes(), describe_cluster_json(node_networks, node_networks.empty() ? "" : R"("10.85.0.0/16")")});
}

std::vector<ObjectFindings> table(std::set<std::string> outside) {
  return {
      {"Node ip-10-0-1-10.us-west-2.compute.internal", {}},
      {"Node mi-0a1b2c3d4e5f60001", {}},
      {"Node mi-0a1b2c3d4e5f60002", std::move(outside)},
      {"Node mi-0a1b2c3d4e5f60003", {}},
  };
}

TEST(RuleHN017, AHybridNodeOutsideRemoteNodeNetworksIsAnError) {
  Audit a;
  run_audit(a, cluster(R"("10.80.0.0/16")"), "", model::PodNetwork::Routable);
  expect_exact_findings(a, 4, table({"HN017 error"}));
  auto f = a.of("HN017");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("192.168.50.12"), std::string::npos) << f[0]->message;
}

TEST(RuleHN017, WideningRemoteNodeNetworksClearsTheFinding) {
  Audit a;
  run_audit(a, cluster(R"("10.80.0.0/16", "192.168.50.0/24")"), "", model::PodNetwork::Routable);
  expect_exact_findings(a, 4, table({}));
}

TEST(RuleHN017, WithoutRemoteNodeNetworksThereIsNothingToCompareWith) {
  Audit a;
  run_audit(a, cluster(""), "", model::PodNetwork::Routable);
  expect_exact_findings(a, 4, table({}));
}

}  // namespace hn017_test
}  // namespace hybridctl::testing
