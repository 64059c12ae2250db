// A small streaming JSON writer for reports and patches. simdjson cannot
// write JSON; this keeps output fast and dependency-free. It tracks commas
// itself, so callers only say begin/key/value/end.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace hybridctl {

class JsonWriter {
 public:
  // indent == 0: compact output; otherwise pretty-printed with that many spaces.
  explicit JsonWriter(int indent = 0) : indent_(indent) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& string(std::string_view s);
  JsonWriter& number(int64_t n);
  JsonWriter& number(double d);
  JsonWriter& raw_number(std::string_view token);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  // Inserts already-serialised JSON as one value.
  JsonWriter& raw(std::string_view json);

  const std::string& str() const { return out_; }
  // Writes what is buffered so far to `os` and empties the buffer; the
  // document goes on where it stopped (for output too large to hold).
  void write_to(std::ostream& os);
  std::string take() { return std::move(out_); }

  static void escape_into(std::string& out, std::string_view s);

 private:
  void before_value();
  void newline();

  struct Level {
    bool is_object;
    bool empty = true;
  };
  int indent_;
  bool after_key_ = false;
  std::vector<Level> stack_;
  std::string out_;
};

}  // namespace hybridctl
