// The splicer applies JSON patches as kubectl does (kubectl patch --local is
// the oracle, pinned in absence_guard_test.cpp): a `test` of null passes for
// an absent member and fails for a present one, so the absence guards fixes
// put before an `add` let --write edit exactly what the script would.
#include "fix/splice_patch.h"

#include <gtest/gtest.h>

#include "decode/json_value_builder.h"
#include "decode/skipped_fields.h"

namespace hybridctl::fix {
namespace splice_patch_test {

Value parse(std::string_view json) {
  Value v;
  std::string error;
  uint64_t offset = 0;
  decode::JsonValueBuilder builder;
  EXPECT_TRUE(builder.parse(json, 0, v, error, offset, decode::FieldScope::Other)) << error;
  return v;
}

bool apply(Value& doc, std::string_view patch, std::string& error) {
  std::vector<PatchOp> ops;
  if (!parse_json_patch(patch, ops, error)) return false;
  for (const PatchOp& op : ops) {
    if (!apply_patch_op(doc, op, error)) return false;
  }
  return true;
}

TEST(SplicePatch, TestOfNullPassesForAnAbsentMemberAndTheAddFollows) {
  Value doc = parse(R"({"spec": {"template": {"spec": {}}}})");
  std::string error;
  EXPECT_TRUE(apply(doc,
                    R"([{"op": "test", "path": "/spec/template/spec/affinity", "value": null},
                        {"op": "add", "path": "/spec/template/spec/affinity", "value": {"a": 1}}])",
                    error))
      << error;
  EXPECT_TRUE(same_data(doc, parse(R"({"spec": {"template": {"spec": {"affinity": {"a": 1}}}}})")));
}

TEST(SplicePatch, TestOfNullFailsForAPresentMemberAndNothingIsReplaced) {
  Value doc = parse(R"({"spec": {"affinity": {"podAntiAffinity": {}}}})");
  std::string error;
  EXPECT_FALSE(apply(doc, R"([{"op": "test", "path": "/spec/affinity", "value": null}])", error));
  EXPECT_NE(error.find("test failed at"), std::string::npos) << error;
}

TEST(SplicePatch, TestOfNullUnderAnAbsentParentFails) {
  Value doc = parse(R"({"spec": {}})");
  std::string error;
  EXPECT_FALSE(apply(doc, R"([{"op": "test", "path": "/spec/affinity/nodeAffinity", "value": null}])", error));
}

}  // namespace splice_patch_test
}  // namespace hybridctl::fix
