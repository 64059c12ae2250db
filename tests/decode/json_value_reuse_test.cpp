// Pins JsonValueBuilder's reuse of the Value it fills: a List's items are
// read one over the other, so nothing of an earlier, larger or differently
// shaped value may survive into the next.
#include <gtest/gtest.h>

#include <string>

#include "core/value.h"
#include "decode/json_value_builder.h"

namespace hybridctl::decode {
namespace json_value_reuse_test {

// Parses `text` into `into` (not cleared first), as the List reader does.
void parse_over(Value& into, const std::string& text, KeyOffsets key_offsets = KeyOffsets::Record) {
  JsonValueBuilder builder(key_offsets);
  std::string error;
  uint64_t error_offset = 0;
  ASSERT_TRUE(builder.parse(text, 0, into, error, error_offset, FieldScope::Other)) << error;
}

TEST(JsonValueReuse, ASmallerValueReadOverALargerOneKeepsNothingOfIt) {
  Value v;
  parse_over(v, R"({"a": {"x": [1, 2, 3], "y": "long string that needs its own memory"}, "b": [{"c": 1}], "d": true})");
  parse_over(v, R"({"a": {"x": [7]}, "b": []})");
  EXPECT_EQ(to_json(v), R"({"a":{"x":[7]},"b":[]})");
}

TEST(JsonValueReuse, KindsChangeFreelyBetweenReads) {
  Value v;
  parse_over(v, R"({"a": {"k": "v"}, "b": [1, [2]], "c": "text"})");
  parse_over(v, R"({"a": "now a string", "b": {"k": null}, "c": [false]})");
  EXPECT_EQ(to_json(v), R"({"a":"now a string","b":{"k":null},"c":[false]})");
  EXPECT_TRUE(v.get("a")->members().empty());
  EXPECT_TRUE(v.get("b")->items().empty());
  EXPECT_TRUE(v.get("c")->text().empty());
  parse_over(v, R"([{"a": 1}])");
  EXPECT_TRUE(v.is_array());
  EXPECT_TRUE(v.members().empty());
  EXPECT_EQ(to_json(v), R"([{"a":1}])");
}

TEST(JsonValueReuse, OffsetsAndDuplicateKeysAreTheNewValues) {
  Value v;
  parse_over(v, R"({"first": 1, "second": 2})");
  parse_over(v, R"({"second": 2, "first": 1})");
  EXPECT_EQ(v.members().at(0).first, "second");
  EXPECT_EQ(v.get("first")->offset(), 23u);  // where the new text has it
  // A duplicate in the new value is found even though the old one had none.
  JsonValueBuilder builder;
  std::string error;
  uint64_t error_offset = 0;
  EXPECT_FALSE(builder.parse(R"({"k": 1, "k": 2})", 0, v, error, error_offset, FieldScope::Other));
  EXPECT_NE(error.find("duplicate"), std::string::npos) << error;
}

// Only the field-position table reads key offsets, so a load without it
// skips finding them; a value read over one that had them keeps none.
TEST(JsonValueReuse, KeyOffsetsAreRecordedOnlyWhenAskedAndNotCarriedOver) {
  const std::string text = R"({"spec": {"replicas": 3}})";
  Value v;
  parse_over(v, text, KeyOffsets::Record);
  const Value* replicas = v.get("spec")->get("replicas");
  EXPECT_EQ(replicas->offset(), text.find('3'));
  EXPECT_EQ(replicas->key_offset(), text.find("\"replicas\""));
  EXPECT_EQ(v.get("spec")->key_offset(), text.find("\"spec\""));

  parse_over(v, text, KeyOffsets::Skip);
  replicas = v.get("spec")->get("replicas");
  EXPECT_EQ(replicas->offset(), text.find('3'));
  EXPECT_EQ(replicas->key_offset(), replicas->offset());
  EXPECT_EQ(v.get("spec")->key_offset(), v.get("spec")->offset());
}

}  // namespace json_value_reuse_test
}  // namespace hybridctl::decode
