// Resource quantities ("500m", "2", "128Mi", "1G", "1e3"): any text must give
// a value or nullopt, with no signed overflow or out-of-range float cast
// (UBSan) on huge numbers or suffixes. Oracle: an integer N with the suffix
// "m", "" or "Ki" is exactly N millicores / N*1000 millicores / N*1024 bytes,
// as resource.Quantity's exact decimal arithmetic gives.
#include <charconv>
#include <cstdint>

#include "decode/decode_pod_spec.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  std::string_view text = fuzz::as_text(data, size);
  std::optional<int64_t> milli = decode::parse_cpu_milli(text);
  std::optional<int64_t> bytes = decode::parse_bytes(text);

  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return 0;  // 12 digits: no product below overflows
  int64_t n = 0;
  std::from_chars(text.data(), text.data() + digits, n);
  std::string_view suffix = text.substr(digits);
  if (suffix == "m" && milli != n) __builtin_trap();
  if (suffix.empty() && (milli != n * 1000 || bytes != n)) __builtin_trap();
  if (suffix == "Ki" && bytes != n * 1024) __builtin_trap();
  return 0;
}
