// A file under /tmp holding a test's input, removed when the test ends (a
// test run leaves nothing behind, and parallel runs never share a name).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace hybridctl::testing {

class TempFile {
 public:
  TempFile(const std::string& text, const std::string& suffix) {
    std::string pattern = "/tmp/hybridctl-test-XXXXXX" + suffix;
    int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    EXPECT_GE(fd, 0);
    if (fd >= 0) ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace hybridctl::testing
