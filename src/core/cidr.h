// IP addresses and CIDR blocks (IPv4 and IPv6) for the routability checks:
// is a pod IP or a pool inside remotePodNetworks?
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hybridctl {

struct IpAddress {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};  // IPv4 uses the first 4
  static std::optional<IpAddress> parse(std::string_view text);
};

struct Cidr {
  IpAddress base;  // masked to the prefix
  int prefix = 0;

  static std::optional<Cidr> parse(std::string_view text);
  bool contains(const IpAddress& ip) const;
  // True when every address of `inner` is in this block.
  bool contains(const Cidr& inner) const;
  std::string str() const;
};

// A set of blocks from flags or describe-cluster; invalid entries are skipped
// by the caller after reporting them.
class CidrSet {
 public:
  void add(const Cidr& c) { blocks_.push_back(c); }
  bool empty() const { return blocks_.empty(); }
  bool contains(const IpAddress& ip) const;
  bool contains(const Cidr& c) const;
  const std::vector<Cidr>& blocks() const { return blocks_; }

 private:
  std::vector<Cidr> blocks_;
};

}  // namespace hybridctl
