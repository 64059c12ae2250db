// The traffic model reads endpoints through the one analysis of where they
// run (analysis/ready_endpoints.h): core/v1 Endpoints when there are no
// slices, pod ranges for endpoints without nodeName, never cloud by default.
#include <gtest/gtest.h>

#include "analysis/snapshot_support.h"
#include "analysis/traffic/traffic_model.h"

namespace hybridctl::testing {
namespace endpoint_environment_test {

const char* kService = R"(
---
apiVersion: v1
kind: Service
metadata: {name: catalog, namespace: shop}
spec:
  selector: {app: catalog}
  ports: [{port: 80, targetPort: 8080}]
)";

const analysis::traffic::ServiceTraffic& catalog(const std::vector<analysis::traffic::ServiceTraffic>& all) {
  for (const auto& st : all) {
    if (st.service->meta.name == "catalog") return st;
  }
  throw std::runtime_error("no catalog");
}

TEST(TrafficEndpointEnvironment, EndpointWithoutNodeNameIsPlacedByPodRangeOrLeftUnknown) {
  auto d = decode_cluster(std::string(kNodes) + kService + R"(
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: catalog-1, namespace: shop, labels: {kubernetes.io/service-name: catalog}}
addressType: IPv4
endpoints:
- addresses: [10.85.1.70]
  conditions: {ready: true}
- addresses: [172.31.40.40]
  conditions: {ready: true}
)");
  auto all = analysis::traffic::model_traffic(analysis::traffic::TrafficInputs{d->snapshot});
  const auto& st = catalog(all);
  ASSERT_EQ(st.endpoints.size(), 2u);
  EXPECT_EQ(st.endpoints[0].environment, model::Environment::Hybrid);
  EXPECT_FALSE(st.endpoints[0].environment_unknown);
  EXPECT_TRUE(st.endpoints[1].environment_unknown);
}

TEST(TrafficEndpointEnvironment, CoreEndpointsFeedTheModelWhereThereAreNoSlices) {
  auto d = decode_cluster(std::string(kNodes) + kService + R"(
---
apiVersion: v1
kind: Endpoints
metadata: {name: catalog, namespace: shop}
subsets:
- addresses:
  - {ip: 10.0.1.70, nodeName: ip-10-0-1-10.us-west-2.compute.internal}
  - {ip: 10.85.2.70, nodeName: mi-0a1b2c3d4e5f60002}
  ports: [{port: 8080}]
)");
  auto all = analysis::traffic::model_traffic(analysis::traffic::TrafficInputs{d->snapshot});
  const auto& st = catalog(all);
  ASSERT_EQ(st.endpoints.size(), 2u);
  EXPECT_TRUE(st.endpoints_from_slices);
  EXPECT_EQ(st.endpoints[1].environment, model::Environment::Hybrid);
  EXPECT_GT(st.cloud_to_hybrid, 0.0);
}

}  // namespace endpoint_environment_test
}  // namespace hybridctl::testing
