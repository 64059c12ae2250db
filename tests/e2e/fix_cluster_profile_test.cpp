// `fix --write` rewrites manifests, never the --cluster-profile: a profile
// records what the cluster holds (as `--live --save` wrote it), so a fix of
// one of its objects (a hybrid node's zone label) is refused with the way
// to apply it, and the file keeps every byte. The manifest beside it, a
// JSON file, is rewritten where its fields were read.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "e2e/cli_runner.h"

namespace hybridctl::testing {
namespace fix_cluster_profile_test {

namespace fs = std::filesystem;

constexpr const char* kProfileNodes = R"({
    "apiVersion": "v1",
    "kind": "List",
    "items": [
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "name": "ip-10-0-1-17.us-west-2.compute.internal",
                "labels": {"topology.kubernetes.io/zone": "us-west-2a", "eks.amazonaws.com/compute-type": "ec2"}
            },
            "status": {"allocatable": {"cpu": "2", "memory": "8Gi", "pods": "29"}}
        },
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "name": "mi-0a1b2c3d4e5f60001",
                "labels": {"eks.amazonaws.com/compute-type": "hybrid"}
            },
            "status": {"allocatable": {"cpu": "8", "memory": "32Gi", "pods": "110"}}
        }
    ]
}
)";

constexpr const char* kWebhookDeployment = R"({
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "policy-webhook", "namespace": "policy"},
    "spec": {
        "replicas": 2,
        "selector": {"matchLabels": {"app": "policy-webhook"}},
        "template": {
            "metadata": {"labels": {"app": "policy-webhook"}},
            "spec": {"containers": [{"name": "webhook", "image": "example.com/policy-webhook:1.4"}]}
        }
    }
}
)";

constexpr const char* kWebhookService = R"(apiVersion: v1
kind: Service
metadata: {name: policy-webhook, namespace: policy}
spec:
  selector: {app: policy-webhook}
  ports: [{port: 443, targetPort: 9443}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: policy}
webhooks:
- name: validate.policy.example.com
  failurePolicy: Fail
  sideEffects: None
  admissionReviewVersions: [v1]
  clientConfig: {service: {name: policy-webhook, namespace: policy, port: 443}}
)";

void write(const std::string& path, const char* text) { std::ofstream(path, std::ios::binary) << text; }

TEST(FixClusterProfile, WriteRewritesTheManifestsAndRefusesTheProfilesNodeWithTheWayToApplyIt) {
  const std::string dir = "/tmp/hybridctl-fix-profile-" + std::to_string(getpid());
  fs::remove_all(dir);
  fs::create_directories(dir + "/repo");
  write(dir + "/nodes.json", kProfileNodes);
  write(dir + "/repo/webhook.json", kWebhookDeployment);
  write(dir + "/repo/webhook-svc.yaml", kWebhookService);
  const std::vector<std::string> base = {"fix",           dir + "/repo", "--cluster-profile", dir + "/nodes.json",
                                         "--pod-network", "unroutable",  "--rules",           "HN002,HN006"};

  std::vector<std::string> dry = base;
  dry.push_back("--dry-run");
  CliResult diff = run_cli(dry);
  EXPECT_NE(diff.out.find("+++ b" + dir + "/repo/webhook.json"), std::string::npos) << diff.out;
  EXPECT_EQ(diff.out.find("nodes.json"), std::string::npos) << diff.out;

  std::vector<std::string> write_args = base;
  write_args.push_back("--write");
  CliResult written = run_cli(write_args);
  EXPECT_EQ(read_text(dir + "/nodes.json"), kProfileNodes) << "the profile keeps every byte";
  EXPECT_NE(read_text(dir + "/repo/webhook.json").find("\"NotIn\""), std::string::npos) << written.err;
  EXPECT_NE(written.err.find("not written: " + dir +
                             "/nodes.json: Node mi-0a1b2c3d4e5f60001: read from "
                             "--cluster-profile"),
            std::string::npos)
      << written.err;
  EXPECT_NE(written.err.find("topology.kubernetes.io~1zone"), std::string::npos) << "the patch to apply";
  EXPECT_EQ(written.exit_code, 1) << "HN006's fix was not carried out";
  fs::remove_all(dir);
}

}  // namespace fix_cluster_profile_test
}  // namespace hybridctl::testing
