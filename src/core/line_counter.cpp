#include "core/line_counter.h"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace hybridctl {

size_t count_newlines(const char* data, size_t n) {
  size_t count = 0, i = 0;
#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    count += static_cast<size_t>(__builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)))));
  }
#endif
  for (; i < n; ++i) count += data[i] == '\n';
  return count;
}

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
  size_t n = static_cast<size_t>(target - cursor_);
  size_t newlines = count_newlines(p, n);
  if (newlines == 0) {
    at_cursor_.column += static_cast<uint32_t>(n);
  } else {
    const char* last = static_cast<const char*>(::memrchr(p, '\n', n));
    at_cursor_.line += static_cast<uint32_t>(newlines);
    at_cursor_.column = static_cast<uint32_t>(p + n - last);
  }
  cursor_ = target;
  return at_cursor_;
}

}  // namespace hybridctl
