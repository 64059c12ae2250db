#include "live/child_guard.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace hybridctl::live {
namespace {

// A fixed table of atomics: the signal handler may read it at any moment
// and must neither lock nor allocate.
constexpr int kMaxChildren = 64;
std::atomic<pid_t> g_children[kMaxChildren];

void stop_all_children() {
  for (auto& slot : g_children) {
    pid_t pid = slot.load();
    if (pid > 0) ::kill(-pid, SIGTERM);  // its process group (see kubectl_proxy.cpp)
  }
}

void on_fatal_signal(int sig) {
  stop_all_children();
  // Die of the same signal (the shell then reports it, and exit code 130
  // for Ctrl-C), with the default action restored.
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

void install_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction sa {};
      sa.sa_handler = on_fatal_signal;
      sigemptyset(&sa.sa_mask);
      ::sigaction(sig, &sa, nullptr);
    }
    // exit() from anywhere (a usage error after the proxy started) still stops them.
    std::atexit(stop_all_children);
  });
}

}  // namespace

void register_child(pid_t pid) {
  install_once();
  for (auto& slot : g_children) {
    pid_t expected = 0;
    if (slot.compare_exchange_strong(expected, pid)) return;
  }
}

void unregister_child(pid_t pid) {
  for (auto& slot : g_children) {
    pid_t expected = pid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

void stop_child(pid_t pid) {
  if (pid <= 0) return;
  ::kill(-pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  unregister_child(pid);
}

}  // namespace hybridctl::live
