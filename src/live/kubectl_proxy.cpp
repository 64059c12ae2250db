#include "live/kubectl_proxy.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <vector>

#include "live/child_guard.h"

namespace hybridctl::live {
namespace {

constexpr size_t kTailBytes = 4096;
// kubectl reads the kubeconfig and binds before printing; it contacts the
// cluster (and runs a credential plugin) only on the first request.
constexpr auto kStartTimeout = std::chrono::seconds(30);

void keep_tail(std::string& tail, std::string_view more) {
  tail.append(more);
  if (tail.size() > kTailBytes) tail.erase(0, tail.size() - kTailBytes);
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

int parse_proxy_port(const std::string& line) {
  static constexpr std::string_view kPrefix = "Starting to serve on ";
  size_t at = line.find(kPrefix);
  if (at == std::string::npos) return 0;
  size_t colon = line.rfind(':');
  if (colon == std::string::npos || colon < at) return 0;
  int port = 0;
  for (size_t i = colon + 1; i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i)
    port = port * 10 + (line[i] - '0');
  return port > 0 && port < 65536 ? port : 0;
}

std::unique_ptr<KubectlProxy> KubectlProxy::start(const std::string& kubeconfig, const std::string& context,
                                                  std::string& error) {
  std::vector<std::string> args = {"kubectl", "proxy", "--port=0", "--address=127.0.0.1"};
  if (!kubeconfig.empty()) args.push_back("--kubeconfig=" + kubeconfig);
  if (!context.empty()) args.push_back("--context=" + context);
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    error = std::string("cannot start kubectl: ") + std::strerror(errno);
    return nullptr;
  }
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) {
    error = std::string("cannot start kubectl: ") + std::strerror(errno);
    ::close(fds[0]);
    ::close(fds[1]);
    return nullptr;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    // Its own process group: Ctrl-C reaches hybridctl, which stops it in
    // order instead of racing it.
    ::setpgid(0, 0);
    ::dup2(fds[1], STDOUT_FILENO);
    ::dup2(fds[1], STDERR_FILENO);
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::execvp("kubectl", argv.data());
    static const char kMissing[] = "kubectl: not found on PATH\n";
    (void)!::write(STDERR_FILENO, kMissing, sizeof kMissing - 1);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here: whichever runs first, the group exists before any kill
  register_child(pid);
  ::close(fds[1]);

  // Read its output until it names the port or exits.
  std::string seen;
  auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  int port = 0;
  while (port == 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      error = "kubectl proxy did not start within 30 s";
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) continue;
    char buf[1024];
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = trimmed(seen);
      if (error.empty()) error = "kubectl proxy exited without output";
      break;
    }
    seen.append(buf, static_cast<size_t>(n));
    size_t at = seen.find("Starting to serve on ");
    size_t nl = at == std::string::npos ? std::string::npos : seen.find('\n', at);
    if (nl != std::string::npos) port = parse_proxy_port(seen.substr(at, nl - at));
    if (seen.size() > kTailBytes && at == std::string::npos) seen.erase(0, seen.size() - kTailBytes);
  }
  if (port == 0) {
    stop_child(pid);
    ::close(fds[0]);
    return nullptr;
  }
  return std::unique_ptr<KubectlProxy>(new KubectlProxy(pid, fds[0], port));
}

KubectlProxy::KubectlProxy(pid_t pid, int output_fd, int port) : pid_(pid), output_fd_(output_fd), port_(port) {
  // kubectl keeps logging (proxy errors): read it so it never blocks on a full pipe.
  drainer_ = std::thread([this] { drain(); });
}

void KubectlProxy::drain() {
  char buf[4096];
  while (!stopping_.load()) {
    pollfd p{output_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    ssize_t n = ::read(output_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    std::lock_guard lock(mutex_);
    keep_tail(tail_, std::string_view(buf, static_cast<size_t>(n)));
  }
}

std::string KubectlProxy::recent_output() const {
  std::lock_guard lock(mutex_);
  return trimmed(tail_);
}

KubectlProxy::~KubectlProxy() {
  stop_child(pid_);
  // A grandchild that escaped the process group could keep the pipe open:
  // the drainer polls, so it stops either way.
  stopping_.store(true);
  if (drainer_.joinable()) drainer_.join();
  ::close(output_fd_);
}

}  // namespace hybridctl::live
