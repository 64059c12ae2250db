// One `kubectl proxy --port=0` per context: kubectl authenticates once
// (kubeconfig, exec credential plugins such as `aws eks get-token`, SSO) and
// every request of ours goes through it over plain HTTP on 127.0.0.1, so no
// kubectl process is started per resource or page.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace hybridctl::live {

class KubectlProxy final {
 public:
  // Starts the proxy; nullptr with `error` set when kubectl is missing,
  // refuses the context, or never says where it serves.
  static std::unique_ptr<KubectlProxy> start(const std::string& kubeconfig, const std::string& context,
                                             std::string& error);
  ~KubectlProxy();  // stops kubectl
  KubectlProxy(const KubectlProxy&) = delete;
  KubectlProxy& operator=(const KubectlProxy&) = delete;

  int port() const { return port_; }
  // What kubectl printed last (its errors, e.g. a failed credential plugin).
  std::string recent_output() const;

 private:
  KubectlProxy(pid_t pid, int output_fd, int port);
  void drain();

  pid_t pid_;
  int output_fd_;
  int port_;
  mutable std::mutex mutex_;
  std::string tail_;
  std::atomic<bool> stopping_{false};
  std::thread drainer_;
};

// "Starting to serve on 127.0.0.1:37411" -> 37411; 0 when `line` is not that.
int parse_proxy_port(const std::string& line);

}  // namespace hybridctl::live
