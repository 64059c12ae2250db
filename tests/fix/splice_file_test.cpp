// The splicer writes only what a patch changes, in the file's own style,
// and refuses what it cannot prove.
#include "fix/splice_file.h"

#include <gtest/gtest.h>

namespace hybridctl::fix {
namespace splice_file_test {

const model::ObjectRef kDeploy{"apps/v1", "Deployment", "policy", "engine"};

const char* kAddAffinity =
    R"([{"op":"add","path":"/spec/template/spec/affinity","value":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"eks.amazonaws.com/compute-type","operator":"NotIn","values":["hybrid"]}]}]}}}}])";

SpliceOutcome splice(const std::string& text, const std::string& patch, model::ObjectRef target = kDeploy) {
  return splice_file(text, {SplicePatch{target, 0, patch}});
}

TEST(SpliceYaml, AddsAMissingMemberAtTheEndOfItsMappingInTheFilesIndentation) {
  std::string in = R"(# keep me
apiVersion: apps/v1
kind: Deployment
metadata:
  name: engine   # trailing comment
  namespace: policy
spec:
  template:
    spec:
      containers:
      - name: engine
        image: "example/engine:1"  # quoted
      # a comment at the end
---
apiVersion: v1
kind: Service
metadata: {name: engine, namespace: policy}
)";
  SpliceOutcome out = splice(in, kAddAffinity);
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_EQ(out.text, R"(# keep me
apiVersion: apps/v1
kind: Deployment
metadata:
  name: engine   # trailing comment
  namespace: policy
spec:
  template:
    spec:
      containers:
      - name: engine
        image: "example/engine:1"  # quoted
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: eks.amazonaws.com/compute-type
                operator: NotIn
                values:
                - hybrid
      # a comment at the end
---
apiVersion: v1
kind: Service
metadata: {name: engine, namespace: policy}
)");
}

TEST(SpliceYaml, IndentedSequenceStyleIsKept) {
  std::string in = R"(apiVersion: apps/v1
kind: Deployment
metadata:
    name: engine
    namespace: policy
spec:
    template:
        spec:
            containers:
                - name: engine
)";
  SpliceOutcome out = splice(in, kAddAffinity);
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_NE(out.text.find("            affinity:\n                nodeAffinity:\n"), std::string::npos) << out.text;
  EXPECT_NE(
      out.text.find("                        nodeSelectorTerms:\n                            - matchExpressions:\n"
                    "                                  - key: eks.amazonaws.com/compute-type\n"),
      std::string::npos)
      << out.text;
}

TEST(SpliceYaml, AppendsToAnExistingSequenceAndKeepsTheTestGuard) {
  std::string in = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: engine
  namespace: policy
spec:
  template:
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions:
                  - {key: zone, operator: In, values: [a]}
)";
  std::string patch =
      R"([{"op":"test","path":"/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/0/key","value":"zone"},)"
      R"({"op":"add","path":"/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions/-","value":{"key":"eks.amazonaws.com/compute-type","operator":"NotIn","values":["hybrid"]}}])";
  SpliceOutcome out = splice(in, patch);
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_EQ(out.text, in + R"(                  - key: eks.amazonaws.com/compute-type
                    operator: NotIn
                    values:
                      - hybrid
)");
  // A second run: the guard no longer holds where the item was appended, and nothing changes.
  std::string guarded =
      R"([{"op":"test","path":"/spec/template/spec/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms/0/matchExpressions","value":[{"key":"zone","operator":"In","values":["a"]}]}])";
  SpliceOutcome again = splice(out.text, guarded);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.text, out.text);
}

TEST(SpliceYaml, ReplacesAScalarKeepingItsComment) {
  std::string in = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: cilium-config
  namespace: kube-system
data:
  enable-service-topology: "false"  # set by hand
  other: x
)";
  SpliceOutcome out = splice(in, R"([{"op":"replace","path":"/data/enable-service-topology","value":"true"}])",
                             {"v1", "ConfigMap", "kube-system", "cilium-config"});
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_NE(out.text.find("  enable-service-topology: \"true\"  # set by hand\n"), std::string::npos) << out.text;
}

TEST(SpliceYaml, EmptyFlowMappingBecomesABlock) {
  std::string in = R"(apiVersion: v1
kind: Service
metadata:
  name: kube-dns
  namespace: kube-system
  annotations: {}
spec:
  ports: [{port: 53}]
)";
  SpliceOutcome out =
      splice(in, R"([{"op":"add","path":"/metadata/annotations/service.kubernetes.io~1topology-mode","value":"Auto"}])",
             {"v1", "Service", "kube-system", "kube-dns"});
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_NE(out.text.find("  annotations:\n    service.kubernetes.io/topology-mode: Auto\nspec:"), std::string::npos)
      << out.text;
}

TEST(SpliceYaml, RefusesAnchorsTemplatesCrlfAndTabs) {
  std::string base = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: engine\n  namespace: policy\n";
  for (auto [extra, reason] : std::vector<std::pair<std::string, std::string>>{
           {"spec: &s\n  template:\n    spec: {}\n", "an anchor"},
           {"spec:\n  template: !!map {}\n", "a tag"},
           {"spec:\n  <<: {a: 1}\n", "a merge key (<<)"},
           {"spec:\n  image: \"{{ .Values.image }}\"\n", "template directives ({{ }})"},
           {"spec:\r\n  replicas: 1\r\n", "CRLF line endings"},
           {"spec:\n  replicas:\t1\n", "tab characters"},
       }) {
    SpliceOutcome out = splice(base + extra, kAddAffinity);
    ASSERT_EQ(out.refused.size(), 1u) << extra;
    EXPECT_EQ(out.refused[0].reason, reason);
    EXPECT_EQ(out.text, base + extra);
  }
}

TEST(SpliceYaml, FindsTheObjectInAListAndAmongSeveralDocuments) {
  std::string in = R"(apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: other
    namespace: policy
  spec:
    template:
      spec:
        containers:
        - name: a
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: engine
    namespace: policy
  spec:
    template:
      spec:
        containers:
        - name: engine
)";
  SpliceOutcome out = splice(in, kAddAffinity);
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_EQ(out.text.substr(0, in.size()), in);
  EXPECT_EQ(out.text.substr(in.size(), 20), "        affinity:\n  ");
}

TEST(SpliceJson, KeepsKubectlsFourSpaceLayout) {
  std::string in = R"({
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {
        "name": "engine",
        "namespace": "policy"
    },
    "spec": {
        "template": {
            "spec": {
                "containers": [
                    {
                        "name": "engine"
                    }
                ]
            }
        }
    }
}
)";
  SpliceOutcome out = splice(in, R"([{"op":"add","path":"/spec/template/spec/nodeSelector","value":{"a":"b"}}])");
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_NE(out.text.find(R"(                ],
                "nodeSelector": {
                    "a": "b"
                }
            }
        }
    }
}
)"),
            std::string::npos)
      << out.text;
  // Dropped again, the text is the original.
  SpliceOutcome back = splice(out.text, R"([{"op":"remove","path":"/spec/template/spec/nodeSelector"}])");
  ASSERT_EQ(back.applied.size(), 1u);
  EXPECT_EQ(back.text, in);
}

TEST(SpliceFile, AFailedTestGuardChangesNothingAndSaysWhy) {
  std::string in = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: engine\n  namespace: policy\nspec: {}\n";
  SpliceOutcome out = splice(in, R"([{"op":"test","path":"/spec/replicas","value":2}])");
  ASSERT_EQ(out.refused.size(), 1u);
  EXPECT_EQ(out.refused[0].reason, "test failed at /spec/replicas");
  EXPECT_EQ(out.text, in);
}

TEST(SpliceYaml, RemovingTheLastAnnotationLeavesAnEmptyMappingNotNull) {
  std::string in = R"(apiVersion: v1
kind: Service
metadata:
  name: recommendations
  namespace: shop
  annotations:
    service.kubernetes.io/topology-mode: Auto  # left over
  uid: x
spec:
  type: ClusterIP
)";
  SpliceOutcome out =
      splice(in,
             R"([{"op":"test","path":"/metadata/annotations/service.kubernetes.io~1topology-mode","value":"Auto"},)"
             R"({"op":"remove","path":"/metadata/annotations/service.kubernetes.io~1topology-mode"},)"
             R"({"op":"add","path":"/spec/trafficDistribution","value":"PreferClose"}])",
             {"v1", "Service", "shop", "recommendations"});
  ASSERT_EQ(out.applied.size(), 1u) << (out.refused.empty() ? "" : out.refused[0].reason);
  EXPECT_EQ(out.text, R"(apiVersion: v1
kind: Service
metadata:
  name: recommendations
  namespace: shop
  annotations: {}
  uid: x
spec:
  type: ClusterIP
  trafficDistribution: PreferClose
)");
}

}  // namespace splice_file_test
}  // namespace hybridctl::fix
