#include "live/in_cluster.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "core/file_text.h"

namespace hybridctl::live {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::string service_account_dir() {
  std::string dir = env("HYBRIDCTL_SERVICEACCOUNT_DIR");
  return dir.empty() ? "/var/run/secrets/kubernetes.io/serviceaccount" : dir;
}

bool in_cluster_applies(const std::string& kubeconfig_flag, bool context_given) {
  return !env("KUBERNETES_SERVICE_HOST").empty() && !env("KUBERNETES_SERVICE_PORT").empty() &&
         kubeconfig_flag.empty() && env("KUBECONFIG").empty() && !context_given;
}

std::string TokenFile::token() {
  std::lock_guard lock(mutex_);
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return token_;
  long long mtime = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  if (mtime == mtime_ns_ && static_cast<long long>(st.st_ino) == inode_ && st.st_size == size_) return token_;
  std::string t = read_file_text(path_).value_or("");
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r' || t.back() == ' ')) t.pop_back();
  token_ = t;
  mtime_ns_ = mtime;
  inode_ = static_cast<long long>(st.st_ino);
  size_ = st.st_size;
  return token_;
}

bool in_cluster_endpoint(net::HttpEndpoint& endpoint, std::shared_ptr<TokenFile>& token, std::string& error) {
  std::string dir = service_account_dir();
  std::string token_path = dir + "/token", ca_path = dir + "/ca.crt";
  for (const std::string& p : {token_path, ca_path}) {
    if (::access(p.c_str(), R_OK) != 0) {
      error = "in-cluster: cannot read " + p + " (is a service account token mounted?)";
      return false;
    }
  }
  endpoint.scheme = "https";
  endpoint.host = env("KUBERNETES_SERVICE_HOST");
  endpoint.port = std::atoi(env("KUBERNETES_SERVICE_PORT").c_str());
  endpoint.ca_file = ca_path;
  token = std::make_shared<TokenFile>(token_path);
  endpoint.bearer_token = [token] { return token->token(); };
  if (endpoint.port <= 0) {
    error = "in-cluster: KUBERNETES_SERVICE_PORT is not a port";
    return false;
  }
  return true;
}

}  // namespace hybridctl::live
