// Turns byte offsets into line:column while the bytes are still in memory.
// Readers feed it one window of the file at a time (a whole YAML file, or
// one item of a streamed JSON List), so positions cost one forward scan and
// no line index is kept for a 1 GB file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hybridctl {

struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
};

// How many '\n' bytes [data, data + n) holds, 16 bytes at a time: lines in
// kubectl's output are short, so a memchr call per line costs more.
size_t count_newlines(const char* data, size_t n);

class LineCounter {
 public:
  // `window` holds the file's bytes from `window_offset` on; `at_start` is the
  // line/column of the window's first byte.
  void reset(std::string_view window, uint64_t window_offset, LineCol at_start);
  // Line and column (1-based; columns count bytes) of a file offset inside the window.
  LineCol locate(uint64_t file_offset);

 private:
  std::string_view window_;
  uint64_t window_offset_ = 0;
  LineCol start_;
  uint64_t cursor_ = 0;  // offset relative to the window, already counted up to here
  LineCol at_cursor_;
};

}  // namespace hybridctl
