// `fix --write` and the fix script point at the field a fix changes
// (fix/field_location.h): a file changed on disk since it was read is
// refused, naming the field's file:line:col, and an unchanged one is spliced.
#include "fix/field_location.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "decode/sources.h"
#include "fix/splice_manifests.h"

namespace hybridctl::fix {
namespace field_location_test {

const char* kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 1
  template:
    spec:
      containers:
      - name: web
        image: nginx
)";

const model::ObjectRef kWeb{"apps/v1", "Deployment", "shop", "web"};

class ManifestFile {
 public:
  explicit ManifestFile(const std::string& text) {
    path_ = (std::filesystem::temp_directory_path() / ("hybridctl-fieldloc-" + std::to_string(::getpid()) + ".yaml"))
                .string();
    write(text);
  }
  ~ManifestFile() { std::filesystem::remove(path_); }
  ManifestFile(const ManifestFile&) = delete;
  ManifestFile& operator=(const ManifestFile&) = delete;
  void write(const std::string& text) const { std::ofstream(path_, std::ios::binary) << text; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

model::Snapshot load(const ManifestFile& f) {
  model::Snapshot s;
  Diagnostics d;
  decode::load_file(f.path(), s, d, decode::LoadOptions{.field_positions = true});
  EXPECT_FALSE(d.has_errors());
  s.build_indexes();
  return s;
}

RenderedPatch set_replicas() {
  return {kWeb, "json",
          R"([{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":2}])",
          "/spec/replicas"};
}

TEST(FieldLocation, AnUnchangedFileIsSplicedAtTheRecordedField) {
  ManifestFile f(kDeployment);
  model::Snapshot s = load(f);
  ManifestEdits edits = plan_manifest_edits(s, {{set_replicas(), s.workloads[0].origin}});
  ASSERT_TRUE(edits.refused.empty()) << edits.refused[0].reason;
  ASSERT_EQ(edits.files.size(), 1u);
  EXPECT_NE(edits.files[0].after.find("replicas: 2"), std::string::npos);
}

TEST(FieldLocation, AFileChangedSinceItWasReadIsRefusedNamingTheFieldsLine) {
  ManifestFile f(kDeployment);
  model::Snapshot s = load(f);
  // Someone adds a line above the object after the audit read it.
  f.write(std::string("# edited\n") + kDeployment);
  ManifestEdits edits = plan_manifest_edits(s, {{set_replicas(), s.workloads[0].origin}});
  EXPECT_TRUE(edits.files.empty());
  ASSERT_EQ(edits.refused.size(), 1u);
  EXPECT_EQ(edits.refused[0].reason,
            "the file changed since it was read: spec.replicas is no longer at " + f.path() + ":7:3");
  EXPECT_EQ(edits.refused[0].field, f.path() + ":7:3 spec.replicas");
}

TEST(FieldLocation, AnAbsentFieldIsLocatedAtTheMappingItWouldBeAddedTo) {
  ManifestFile f(kDeployment);
  model::Snapshot s = load(f);
  auto where = locate_field(s, s.workloads[0].origin, "/spec/template/spec/affinity");
  ASSERT_TRUE(where);
  EXPECT_FALSE(where->exact);
  EXPECT_EQ(where->text(), f.path() + ":9:5 spec.template.spec (affinity is added there)");
  EXPECT_TRUE(still_in_place(kDeployment, *where));
}

TEST(FieldLocation, StillInPlaceReadsPlainAndQuotedKeys) {
  FieldLocation yaml{"f", {0, 4, 14, 2, 3}, "/spec/replicas", "/spec/replicas", true};
  EXPECT_TRUE(still_in_place("x\n  replicas: 1\n", yaml));
  EXPECT_FALSE(still_in_place("x\n  replica: 1\n", yaml));
  EXPECT_FALSE(still_in_place("x\n  replicasX: 1\n", yaml));
  EXPECT_FALSE(still_in_place("x\n", yaml));
  FieldLocation json{"f", {0, 1, 13, 1, 2}, "/spec/replicas", "/spec/replicas", true};
  EXPECT_TRUE(still_in_place(R"({"replicas": 1})", json));
  EXPECT_FALSE(still_in_place(R"({"replicas' : 1})", json));
  FieldLocation annotation{"f", {0, 0, 9, 1, 1}, "/metadata/annotations/a.b~1c", "/metadata/annotations/a.b~1c", true};
  EXPECT_TRUE(still_in_place("'a.b/c': x", annotation));
  EXPECT_EQ(annotation.field_name(), "metadata.annotations[\"a.b/c\"]");
}

TEST(FieldLocation, TheScriptNamesTheFirstPatchsFieldOfAFileObject) {
  ManifestFile f(kDeployment);
  model::Snapshot s = load(f);
  rules::Finding finding;
  finding.object = kWeb;
  finding.origin = s.workloads[0].origin;
  ObjectOrigins origins(s);
  EXPECT_EQ(first_field_location(s, origins, finding, {set_replicas()}), f.path() + ":7:3 spec.replicas");
  // A patch of another object is located by identity; one of an object read from no file, not at all.
  finding.origin = {};
  EXPECT_EQ(first_field_location(s, origins, finding, {set_replicas()}), f.path() + ":7:3 spec.replicas");
  RenderedPatch elsewhere{{"apps/v1", "Deployment", "shop", "other"}, "json", "[]", "/spec/replicas"};
  EXPECT_EQ(first_field_location(s, origins, finding, {elsewhere}), "");
}

}  // namespace field_location_test
}  // namespace hybridctl::fix
