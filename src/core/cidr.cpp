#include "core/cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace hybridctl {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  // inet_pton reads a C string: a NUL inside `text` would end the address early.
  if (text.empty() || text.size() > 45 || text.find('\0') != std::string_view::npos) return std::nullopt;
  std::string s(text);
  IpAddress ip;
  if (s.find(':') != std::string::npos) {
    ip.v6 = true;
    if (inet_pton(AF_INET6, s.c_str(), ip.bytes.data()) != 1) return std::nullopt;
    return ip;
  }
  if (inet_pton(AF_INET, s.c_str(), ip.bytes.data()) != 1) return std::nullopt;
  return ip;
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto ip = IpAddress::parse(text.substr(0, slash));
  if (!ip) return std::nullopt;
  std::string_view p = text.substr(slash + 1);
  int prefix = -1;
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
  int max = ip->v6 ? 128 : 32;
  if (p.empty() || ec != std::errc() || ptr != p.data() + p.size() || prefix < 0 || prefix > max) return std::nullopt;
  Cidr c;
  c.base = *ip;
  c.prefix = prefix;
  for (int bit = prefix; bit < max; ++bit) c.base.bytes[bit / 8] &= static_cast<uint8_t>(~(0x80u >> (bit % 8)));
  return c;
}

bool Cidr::contains(const IpAddress& ip) const {
  if (ip.v6 != base.v6) return false;
  int full = prefix / 8;
  if (std::memcmp(ip.bytes.data(), base.bytes.data(), static_cast<size_t>(full)) != 0) return false;
  int rest = prefix % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFFu << (8 - rest));
  return (ip.bytes[full] & mask) == (base.bytes[full] & mask);
}

bool Cidr::contains(const Cidr& inner) const {
  return inner.base.v6 == base.v6 && inner.prefix >= prefix && contains(inner.base);
}

std::string Cidr::str() const {
  char buf[INET6_ADDRSTRLEN];
  inet_ntop(base.v6 ? AF_INET6 : AF_INET, base.bytes.data(), buf, sizeof buf);
  return std::string(buf) + "/" + std::to_string(prefix);
}

bool CidrSet::contains(const IpAddress& ip) const {
  for (const Cidr& b : blocks_) {
    if (b.contains(ip)) return true;
  }
  return false;
}

bool CidrSet::contains(const Cidr& c) const {
  for (const Cidr& b : blocks_) {
    if (b.contains(c)) return true;
  }
  return false;
}

}  // namespace hybridctl
