#include "core/line_counter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

namespace hybridctl {
namespace line_counter_test {

// The vector count against std::count, across its 16-byte blocks and its
// 255-block flushes (a buffer of nothing but newlines saturates every lane).
TEST(LineCounter, CountNewlinesAgreesWithAPlainCount) {
  std::mt19937 rng(3);
  for (size_t n : {0, 1, 15, 16, 17, 4079, 4080, 4081, 10000, 65537}) {
    std::string all(n, '\n');
    ASSERT_EQ(count_newlines(all.data(), n), n) << n;
    std::string mixed(n, 'x');
    for (char& c : mixed) c = rng() % 3 == 0 ? '\n' : 'a';
    ASSERT_EQ(count_newlines(mixed.data(), n), static_cast<size_t>(std::count(mixed.begin(), mixed.end(), '\n'))) << n;
  }
}

}  // namespace line_counter_test
}  // namespace hybridctl
