#include "core/line_counter.h"

#include <cstring>

namespace hybridctl {

void LineCounter::reset(std::string_view window, uint64_t window_offset, LineCol at_start) {
  window_ = window;
  window_offset_ = window_offset;
  start_ = at_start;
  cursor_ = 0;
  at_cursor_ = at_start;
}

LineCol LineCounter::locate(uint64_t file_offset) {
  uint64_t target = file_offset < window_offset_ ? 0 : file_offset - window_offset_;
  if (target > window_.size()) target = window_.size();
  if (target < cursor_) {  // moving backwards: count again from the window start
    cursor_ = 0;
    at_cursor_ = start_;
  }
  const char* p = window_.data() + cursor_;
  const char* end = window_.data() + target;
  while (p < end) {
    const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
    if (!nl) {
      at_cursor_.column += static_cast<uint32_t>(end - p);
      break;
    }
    at_cursor_.line++;
    at_cursor_.column = 1;
    p = static_cast<const char*>(nl) + 1;
  }
  cursor_ = target;
  return at_cursor_;
}

}  // namespace hybridctl
