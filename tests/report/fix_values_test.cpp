// Helm values merged over findings: maps merge, a chart's affinity replaces.
#include "report/fix_values.h"

#include <gtest/gtest.h>

namespace hybridctl::report {
namespace fix_values_test {

TEST(FixValues, NestedValuesMergeButAnAffinityReplacesTheWholeObject) {
  std::string merged =
      merge_json_objects(R"({"webhook":{"affinity":{"podAntiAffinity":{"x":1}},"replicas":2},"affinity":{"a":1}})",
                         R"({"webhook":{"affinity":{"nodeAffinity":{"y":2}}},"cainjector":{"affinity":{"b":3}}})");
  EXPECT_EQ(merged, pretty_json(R"({"webhook":{"affinity":{"nodeAffinity":{"y":2}},"replicas":2},"affinity":{"a":1},)"
                                R"("cainjector":{"affinity":{"b":3}}})"));
}

TEST(FixValues, PatchFilesAreNamedKindNamespaceName) {
  EXPECT_EQ(patch_file_name({"apps/v1", "Deployment", "cert-manager", "cert-manager-webhook"}),
            "deployment/cert-manager/cert-manager-webhook.json");
  EXPECT_EQ(patch_file_name({"v1", "Node", "", "mi-1"}), "node/mi-1.json");
}

TEST(FixValues, PatchesOfOneObjectAreConcatenatedInOrder) {
  EXPECT_EQ(concatenated_patch({R"([{"op":"add","path":"/a","value":1}])", R"([{"op":"remove","path":"/b"}])"}),
            pretty_json(R"([{"op":"add","path":"/a","value":1},{"op":"remove","path":"/b"}])"));
}

}  // namespace fix_values_test
}  // namespace hybridctl::report
