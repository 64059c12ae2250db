// UTF-8 validation with the position of the first bad byte, so that a reader
// can refuse non-UTF-8 input with FILE:LINE:COL before a parser sees it.
#pragma once

#include <cstddef>
#include <string_view>

namespace hybridctl {

inline constexpr size_t kValidUtf8 = static_cast<size_t>(-1);

// Offset of the first byte that does not start or continue a well-formed
// UTF-8 sequence (overlong forms, surrogates and code points above U+10FFFF
// are ill-formed, as in Unicode's table 3-7), or kValidUtf8.
size_t first_invalid_utf8(std::string_view text);

}  // namespace hybridctl
