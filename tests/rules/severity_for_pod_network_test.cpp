// RULES.md: a finding that holds only if hybrid pods are unroutable is
// reported one severity lower when routability is only `unknown`.
#include <gtest/gtest.h>

#include "rules/finding.h"

namespace hybridctl::rules {
namespace severity_for_pod_network_test {

TEST(SeverityForPodNetwork, KnownUnroutableKeepsTheRulesSeverity) {
  for (Severity s : {Severity::Info, Severity::Warning, Severity::Error, Severity::Critical}) {
    EXPECT_EQ(severity_for_pod_network(s, model::PodNetwork::Unroutable), s);
  }
}

TEST(SeverityForPodNetwork, UnknownRoutabilityLowersOneStepAndInfoStaysInfo) {
  EXPECT_EQ(severity_for_pod_network(Severity::Critical, model::PodNetwork::Unknown), Severity::Error);
  EXPECT_EQ(severity_for_pod_network(Severity::Error, model::PodNetwork::Unknown), Severity::Warning);
  EXPECT_EQ(severity_for_pod_network(Severity::Warning, model::PodNetwork::Unknown), Severity::Info);
  EXPECT_EQ(severity_for_pod_network(Severity::Info, model::PodNetwork::Unknown), Severity::Info);
}

TEST(SeverityForPodNetwork, TheLoweredMessageSaysWhyRoutabilityWasNotConfirmed) {
  EXPECT_EQ(unconfirmed_routability("no remotePodNetworks"),
            " (routability could not be confirmed: no remotePodNetworks)");
}

}  // namespace severity_for_pod_network_test
}  // namespace hybridctl::rules
