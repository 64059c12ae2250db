#include "fix/splice_atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/file_text.h"

namespace hybridctl::fix {
namespace {

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string sys_error(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

void sync_directory_of(const std::string& path) {
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) return;
  std::string real = resolved;
  std::string dir = real.substr(0, real.rfind('/') + 1);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

bool replace_file_atomically(const std::string& path, std::string_view expected, std::string_view text,
                             std::string& error, bool sync_directory) {
  char resolved[PATH_MAX];
  if (!::realpath(path.c_str(), resolved)) {
    error = sys_error("cannot resolve " + path);
    return false;
  }
  std::string real = resolved;
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) {
    error = sys_error("cannot stat " + path);
    return false;
  }
  auto holds_expected = [&] {
    std::optional<std::string> now = read_file_text(real);
    return now && *now == expected;
  };
  if (!holds_expected()) {
    error = path + " changed on disk since it was read; not overwritten";
    return false;
  }
  size_t slash = real.rfind('/');
  std::string dir = real.substr(0, slash + 1);
  std::string tmp = dir + "." + real.substr(slash + 1) + ".hybridctl-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) {
    error = sys_error("cannot create a temporary file in " + dir);
    return false;
  }
  bool ok = write_all(fd, text) && ::fchmod(fd, st.st_mode & 07777) == 0;
  // Keep the owner where we may (root rewriting a user's file); a user's own file already has it.
  if (ok && (st.st_uid != ::geteuid() || st.st_gid != ::getegid())) (void)!::fchown(fd, st.st_uid, st.st_gid);
  ok = ok && ::fsync(fd) == 0;
  if (!ok) error = sys_error("cannot write " + tmp);
  ::close(fd);
  // Re-checked just before the rename: the window for a concurrent edit is the rename itself.
  if (ok && !holds_expected()) {
    error = path + " changed on disk while it was rewritten; not overwritten";
    ok = false;
  }
  if (ok && ::rename(tmp.c_str(), real.c_str()) != 0) {
    error = sys_error("cannot rename over " + path);
    ok = false;
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    return false;
  }
  if (sync_directory) sync_directory_of(real);
  return true;
}

}  // namespace hybridctl::fix
