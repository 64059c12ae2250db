// IP address and CIDR parsing. Beyond not crashing: a parsed block prints in
// a form that parses back to the same block, contains its own base address
// and itself.
#include <cstdint>

#include "core/cidr.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hybridctl;
  std::string_view text = fuzz::as_text(data, size);
  // Every byte of an accepted text is part of the address: no NUL, which
  // would end inet_pton's C string and hide trailing garbage.
  bool has_nul = text.find('\0') != std::string_view::npos;
  if (IpAddress::parse(text) && has_nul) __builtin_trap();
  std::optional<Cidr> cidr = Cidr::parse(text);
  if (!cidr) return 0;
  if (has_nul) __builtin_trap();
  if (cidr->prefix < 0 || cidr->prefix > (cidr->base.v6 ? 128 : 32)) __builtin_trap();
  std::optional<Cidr> again = Cidr::parse(cidr->str());
  if (!again || again->prefix != cidr->prefix || again->base.v6 != cidr->base.v6 ||
      again->base.bytes != cidr->base.bytes) {
    __builtin_trap();
  }
  if (!cidr->contains(cidr->base) || !cidr->contains(*cidr)) __builtin_trap();
  CidrSet set;
  set.add(*cidr);
  if (!set.contains(*again)) __builtin_trap();
  return 0;
}
