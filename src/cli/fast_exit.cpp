#include "cli/fast_exit.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define HYBRIDCTL_KEEP_TEARDOWN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define HYBRIDCTL_KEEP_TEARDOWN 1
#endif

namespace hybridctl::cli {

int exit_without_teardown(int code) {
#ifdef HYBRIDCTL_KEEP_TEARDOWN
  return code;
#else
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(code);
#endif
}

}  // namespace hybridctl::cli
