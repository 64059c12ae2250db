// Reading the API from inside a pod, without kubectl: HTTPS to the
// in-cluster Service address with the pod's service account token and CA
// (the CronJob of deploy/ runs this way).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "net/http_client.h"

namespace hybridctl::live {

// The service account directory: /var/run/secrets/kubernetes.io/serviceaccount,
// or $HYBRIDCTL_SERVICEACCOUNT_DIR (tests).
std::string service_account_dir();

// True inside a pod (KUBERNETES_SERVICE_HOST and _PORT set) when the user
// named no kubeconfig and no context (flag or $KUBECONFIG).
bool in_cluster_applies(const std::string& kubeconfig_flag, bool context_given);

// The token file, read again whenever it changes: the kubelet rotates
// projected tokens (about hourly) by swapping a symlink, so a long read must
// not keep sending the first one.
class TokenFile final {
 public:
  explicit TokenFile(std::string path) : path_(std::move(path)) {}
  // The current token ("" if unreadable).
  std::string token();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mutex_;
  std::string token_;
  long long mtime_ns_ = -1, inode_ = -1, size_ = -1;
};

// The endpoint of the API server as seen from the pod; `error` names the
// missing file.
bool in_cluster_endpoint(net::HttpEndpoint& endpoint, std::shared_ptr<TokenFile>& token, std::string& error);

}  // namespace hybridctl::live
