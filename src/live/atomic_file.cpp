#include "live/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace hybridctl::live {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  temp_ = path_ + ".tmp-XXXXXX";
  fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
  if (fd_ < 0) fail("cannot create a file beside " + path_);
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temp_.empty()) ::unlink(temp_.c_str());
}

void AtomicFile::fail(const std::string& what) {
  if (error_.empty()) error_ = what + ": " + std::strerror(errno);
}

void AtomicFile::write(std::string_view bytes) {
  while (ok() && !bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write " + temp_);
    bytes.remove_prefix(static_cast<size_t>(n));
    size_ += static_cast<size_t>(n);
  }
}

void AtomicFile::append_from(int fd) {
  std::vector<char> buf(1 << 20);
  while (ok()) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot read a page");
    if (n == 0) return;
    write(std::string_view(buf.data(), static_cast<size_t>(n)));
  }
}

void AtomicFile::truncate(size_t size) {
  if (!ok()) return;
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0 || ::lseek(fd_, static_cast<off_t>(size), SEEK_SET) < 0) {
    return fail("cannot truncate " + temp_);
  }
  size_ = size;
}

bool AtomicFile::commit() {
  if (!ok()) return false;
  if (::fsync(fd_) != 0) fail("cannot flush " + temp_);
  if (ok() && ::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot rename " + temp_ + " to " + path_);
  if (!ok()) return false;
  committed_ = true;
  std::string dir = path_.find('/') == std::string::npos ? "." : path_.substr(0, path_.rfind('/') + 1);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return true;
}

}  // namespace hybridctl::live
