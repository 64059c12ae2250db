// Pins the top-level scanner's search for the end of each List item
// (json_reader.cpp), whose 64-byte fast path masks strings out in bulk:
// brackets, commas and quotes inside strings, escaped quotes and
// backslashes, at every offset of a block, never end an item early or late.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "decode/sources.h"

namespace hybridctl::decode {
namespace json_scan_test {

// A JSON string literal of `s` (quotes and backslashes escaped).
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Label values full of what the search must not take for structure; the
// filler shifts them through every offset of a 64-byte block.
std::string tricky_value(int i) {
  static const std::vector<std::string> kNasty = {"}]", "{[", "\"}", "a\\", "\\\"]", ",}", "]]]]", "x"};
  std::string filler(static_cast<size_t>(i % 67), 'f');
  return filler + kNasty[static_cast<size_t>(i) % kNasty.size()] + std::string(static_cast<size_t>(i % 5), '}');
}

// Loads `text` as a .json file (mapped, as `audit FILE.json` reads it).
void load_json_text(const std::string& text, model::Snapshot& s, Diagnostics& d) {
  char path[] = "/tmp/hybridctl-scan-XXXXXX.json";
  int fd = ::mkstemps(path, 5);
  ASSERT_GE(fd, 0);
  ::close(fd);
  std::ofstream(path, std::ios::binary) << text;
  load_file(path, s, d);
  std::remove(path);
}

TEST(JsonListScan, ItemsEndWhereTheirObjectEndsWhateverTheStringsHold) {
  constexpr int kItems = 600;
  std::string text = "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [";
  for (int i = 0; i < kItems; ++i) {
    if (i) text += i % 3 ? "," : " ,\n ";
    text += "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"cm-" + std::to_string(i) +
            "\", \"namespace\": \"ns\", \"labels\": {\"v\": " + quoted(tricky_value(i)) + "}}, \"data\": {\"k\": [[" +
            std::string(static_cast<size_t>(i % 3), ' ') + "]]}}";
  }
  text += "], \"metadata\": {\"resourceVersion\": \"\"}}\n";
  model::Snapshot s;
  Diagnostics d;
  load_json_text(text, s, d);
  ASSERT_FALSE(d.has_errors()) << d.items().at(0).format();
  ASSERT_EQ(s.config_maps.size(), static_cast<size_t>(kItems));
  for (int i = 0; i < kItems; ++i) {
    const model::ConfigMap& cm = s.config_maps[static_cast<size_t>(i)];
    EXPECT_EQ(cm.meta.name, "cm-" + std::to_string(i));
    EXPECT_EQ(cm.meta.labels.get("v"), tricky_value(i)) << i;
  }
}

TEST(JsonListScan, AnItemCutShortInsideAStringIsAnError) {
  std::string item = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"" +
                     std::string(100, 'n') + "}]}]}";  // the string never closes
  std::string text = "{\"kind\": \"List\", \"items\": [" + item + "\n";
  model::Snapshot s;
  Diagnostics d;
  load_json_text(text, s, d);
  EXPECT_TRUE(d.has_errors());
  EXPECT_TRUE(s.config_maps.empty());
}

}  // namespace json_scan_test
}  // namespace hybridctl::decode
