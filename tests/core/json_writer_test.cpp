#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hybridctl {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  JsonWriter::escape_into(out, s);
  return out;
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(escaped("plain node-name.internal"), "\"plain node-name.internal\"");
  EXPECT_EQ(escaped(""), "\"\"");
  EXPECT_EQ(escaped("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(escaped("\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"");
  EXPECT_EQ(escaped(std::string_view("x\0y\x1f", 4)), "\"x\\u0000y\\u001f\"");
  EXPECT_EQ(escaped("\"leading and trailing\""), "\"\\\"leading and trailing\\\"\"");
  EXPECT_EQ(escaped("caf\xc3\xa9"), "\"caf\xc3\xa9\"") << "UTF-8 passes through";
}

TEST(JsonWriter, WriteToFlushesAndTheDocumentGoesOn) {
  JsonWriter w(0);
  std::ostringstream out;
  w.begin_object().key("a").begin_array().string("x");
  w.write_to(out);
  EXPECT_TRUE(w.str().empty());
  w.string("y").end_array().key("b").number(int64_t{1}).end_object();
  w.write_to(out);
  EXPECT_EQ(out.str(), "{\"a\":[\"x\",\"y\"],\"b\":1}");
}

}  // namespace
}  // namespace hybridctl
