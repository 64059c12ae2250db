// HN015: hybrid nodes exist and nothing says whether the VPC and the
// control plane can reach hybrid pod IPs. One info finding on the cluster
// (the rules that depend on routability report one severity lower); silent
// when a flag, describe-cluster's remoteNetworkConfig or the CNI's BGP
// objects decide it, or when there is no hybrid node.
#include <gtest/gtest.h>

#include "rules/rule_test_support.h"

namespace hybridctl::testing {
namespace hn015_test {

std::string nodes() { return yaml_stream({kubectl_cloud_node(), kubectl_hybrid_node()}); }

std::vector<ObjectFindings> nodes_silent() {
  return {{"Node ip-10-0-1-10.us-west-2.compute.internal", {}}, {"Node mi-0a1b2c3d4e5f60001", {}}};
}

TEST(RuleHN015, WithoutDescribeClusterOrAFlagRoutabilityIsUnknownAndSaidOnce) {
  Audit a;
  run_audit(a, nodes(), "", std::nullopt);
  std::vector<ObjectFindings> rows = nodes_silent();
  rows.push_back({"Cluster cluster", {"HN015 info"}});  // no describe-cluster: the cluster has no name
  expect_exact_findings(a, 2, rows);
}

TEST(RuleHN015, RemotePodNetworksWithoutABgpAdvertisementLeaveRoutabilityUnknown) {
  // The VPC routes remotePodNetworks to the on-premises router; whether that
  // router knows the pod CIDRs (BGP, static routes) is not in the input.
  Audit a;
  run_audit(a, yaml_stream({nodes(), describe_cluster_json(R"("10.80.0.0/16")", R"("10.85.0.0/16")")}), "",
            std::nullopt);
  std::vector<ObjectFindings> rows = nodes_silent();
  rows.push_back({"Cluster mixed", {"HN015 info"}});
  expect_exact_findings(a, 2, rows);
}

TEST(RuleHN015, NoRemotePodNetworksDecidesUnroutable) {
  Audit a;
  run_audit(a, yaml_stream({nodes(), describe_cluster_json(R"("10.80.0.0/16")", "")}), "", std::nullopt);
  expect_exact_findings(a, 2, nodes_silent());
}

TEST(RuleHN015, ThePodNetworkFlagDecidesRoutability) {
  for (model::PodNetwork net : {model::PodNetwork::Routable, model::PodNetwork::Unroutable}) {
    Audit a;
    run_audit(a, nodes(), "", net);
    expect_exact_findings(a, 2, nodes_silent());
  }
}

TEST(RuleHN015, ACloudOnlyClusterHasNoHybridPodToReach) {
  Audit a;
  run_audit(a, kubectl_cloud_node(), "", std::nullopt);
  expect_exact_findings(a, 1, {{"Node ip-10-0-1-10.us-west-2.compute.internal", {}}});
}

}  // namespace hn015_test
}  // namespace hybridctl::testing
