#include "core/line_counter.h"

#include <cstring>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace hybridctl {

size_t count_newlines(const char* data, size_t n) {
  size_t count = 0, i = 0;
#ifdef __SSE2__
  // Matches (-1 per byte lane) are subtracted into byte counters for up to
  // 255 blocks, then summed with one SAD: no popcount, which without
  // -mpopcnt is a library call per block.
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= n) {
    __m128i lanes = zero;
    for (int blocks = 0; blocks < 255 && i + 16 <= n; ++blocks, i += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(v, newline));
    }
    __m128i sums = _mm_sad_epu8(lanes, zero);
    count += static_cast<size_t>(_mm_cvtsi128_si32(sums)) + static_cast<size_t>(_mm_extract_epi16(sums, 4));
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
