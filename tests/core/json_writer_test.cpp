#include "core/json_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

namespace hybridctl {
namespace json_writer_test {

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

// The word-at-a-time scan against a per-character reference, on strings
// where escapes fall at every offset of an 8-byte word.
TEST(JsonWriter, WordAtATimeScanAgreesWithPerCharacterEscaping) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        out += escaped(std::string(1, static_cast<char>(c)))
                   .substr(1, escaped(std::string(1, static_cast<char>(c))).size() - 2);
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  std::mt19937 rng(7);
  const std::string alphabet = std::string("abc-.\"\\\n\x01\x1f \x7f\x80\xff", 14);
  for (int n = 0; n < 5000; ++n) {
    std::string s(rng() % 40, 'x');
    for (char& c : s) c = rng() % 4 == 0 ? alphabet[rng() % alphabet.size()] : static_cast<char>('a' + rng() % 26);
    ASSERT_EQ(escaped(s), reference(s)) << n;
  }
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

}  // namespace json_writer_test
}  // namespace hybridctl
