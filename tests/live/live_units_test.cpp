// The small pieces of live/ that do not need a server.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "core/value.h"
#include "decode/yaml_reader.h"
#include "e2e/cli_runner.h"
#include "live/atomic_file.h"
#include "live/discovery.h"
#include "live/in_cluster.h"
#include "live/kubectl_proxy.h"
#include "live/resource_table.h"
#include "live/stand_in.h"
#include "net/http_client.h"

namespace hybridctl::live {
namespace live_units_test {

TEST(KubectlProxy, ThePortIsReadFromTheLineKubectlPrints) {
  EXPECT_EQ(parse_proxy_port("Starting to serve on 127.0.0.1:37411"), 37411);
  EXPECT_EQ(parse_proxy_port("Starting to serve on [::1]:8001"), 8001);
  EXPECT_EQ(parse_proxy_port("error: context \"x\" does not exist"), 0);
}

TEST(Discovery, TheServerVersionIsCutToMajorMinor) {
  EXPECT_EQ(major_minor("v1.31.4-eks-2d5f260"), "1.31");
  EXPECT_EQ(major_minor("v1.29.0"), "1.29");
  EXPECT_EQ(major_minor("garbage"), "");
}

TEST(HttpClient, QueryValuesArePercentEncoded) { EXPECT_EQ(net::query_escape("eyJ2Ijo+/=="), "eyJ2Ijo%2B%2F%3D%3D"); }

TEST(InCluster, TheTokenFileIsReadAgainWhenItChanges) {
  testing::TempDir dir;
  testing::write_text(dir / "token", "first\n");
  TokenFile token(dir / "token");
  EXPECT_EQ(token.token(), "first");
  // The kubelet swaps in a new file (a new inode), as it does through ..data.
  testing::write_text(dir / "token.new", "second");
  std::filesystem::rename(dir / "token.new", dir / "token");
  EXPECT_EQ(token.token(), "second");
}

TEST(AtomicFile, NothingAppearsUntilCommitAndARestartDropsWhatWasWritten) {
  testing::TempDir dir;
  {
    AtomicFile f(dir / "out.json");
    f.write("[1,");
    size_t mark = f.size();
    f.write("2,3");
    f.truncate(mark);
    f.write("4]");
    EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
    ASSERT_TRUE(f.commit());
  }
  EXPECT_EQ(testing::read_text(dir / "out.json"), "[1,4]");
  {
    AtomicFile abandoned(dir / "other.json");
    abandoned.write("partial");
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "other.json"));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

// deploy/rbac-readonly.yaml grants get and list on exactly the resources of
// the table, nothing else (ConfigMaps: get on cilium-config only).
TEST(ResourceTable, TheReadOnlyRoleGrantsExactlyTheResourcesRead) {
  std::string path = testing::source_dir() + "/deploy/rbac-readonly.yaml";
  std::string text = testing::read_text(path);
  std::set<std::string> granted;
  decode::read_yaml(text, 0, path, [&](Value&& doc, const decode::DocumentContext&) {
    const Value* kind = doc.get("kind");
    if (!kind || (kind->text() != "ClusterRole" && kind->text() != "Role")) return;
    for (const Value& rule : doc.get("rules")->items()) {
      std::string verbs;
      for (const Value& v : rule.get("verbs")->items()) verbs += v.text() + ",";
      std::string names;
      if (const Value* n = rule.get("resourceNames"))
        for (const Value& v : n->items()) names += v.text();
      for (const Value& g : rule.get("apiGroups")->items()) {
        for (const Value& r : rule.get("resources")->items()) {
          granted.insert(g.text() + "/" + r.text() + " " + verbs + (names.empty() ? "" : " " + names));
        }
      }
    }
  });
  std::set<std::string> read;
  for (const ResourceSpec& s : resource_table()) {
    if (s.by_name.empty()) {
      read.insert(s.group + "/" + s.resource + " get,list,");
    } else {
      for (const std::string& ref : s.by_name)
        read.insert(s.group + "/" + s.resource + " get, " + ref.substr(ref.find('/') + 1));
    }
  }
  EXPECT_EQ(granted, read);
  for (const ResourceSpec& s : resource_table()) EXPECT_NE(s.resource, "secrets");
}

TEST(Deploy, TheKustomizeBaseRendersAndPassesItsOwnAuditOnAMixedCluster) {
  if (testing::sh("command -v kubectl >/dev/null 2>&1") != 0) GTEST_SKIP() << "kubectl is not installed";
  testing::TempDir dir;
  ASSERT_EQ(testing::sh("kubectl kustomize " + testing::shell_arg(testing::source_dir() + "/deploy") + " > " +
                        testing::shell_arg(dir / "deploy.yaml")),
            0);
  std::string rendered = testing::read_text(dir / "deploy.yaml");
  EXPECT_NE(rendered.find("kind: CronJob"), std::string::npos);
  EXPECT_NE(rendered.find("- --live"), std::string::npos);
  for (const char* network : {"unroutable", "routable"}) {
    testing::CliResult r = testing::run_cli({"audit", dir / "deploy.yaml", "--assume-nodes",
                                             "cloud:us-west-2a=2,cloud:us-west-2b=2,hybrid:onprem=2", "--pod-network",
                                             network, "--fail-on", "info", "-o", "json"});
    EXPECT_EQ(r.exit_code, 0) << network << ": " << r.out << r.err;
    EXPECT_TRUE(testing::finding_keys(r.out).empty()) << r.out;
  }
}

}  // namespace live_units_test
}  // namespace hybridctl::live

namespace hybridctl::testing {
namespace live_units_test {

TEST(LiveOptions, ACommandThatReportsOneClusterRefusesSeveralContexts) {
  CliResult r = run_cli({"simulate", "--live", "--context", "east", "--context", "west"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("this command reads one cluster: give one --context"), std::string::npos) << r.err;
}

TEST(LiveOptions, LiveFlagsWithoutLiveAreAUsageError) {
  CliResult r = run_cli({"audit", source_dir() + "/examples/healthy-mixed", "--context", "east"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--context, --kubeconfig and --save need --live"), std::string::npos) << r.err;
}

}  // namespace live_units_test
}  // namespace hybridctl::testing
