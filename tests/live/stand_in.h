// The stand-in API server of the live tests (stand_in_apiserver.py) run
// from C++: TLS with a CA made by openssl in a temporary directory, a free
// port on 127.0.0.1, always stopped by the destructor; and a kubeconfig
// whose user is an exec credential plugin stub that counts its runs.
#pragma once

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "e2e/cli_runner.h"

extern char** environ;

namespace hybridctl::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "hybridctl-live-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline int sh(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A CA and a server certificate for 127.0.0.1, made once per directory.
inline void make_certificates(const TempDir& dir) {
  std::string d = shell_arg(dir.path());
  sh("cd " + d +
     " && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj /CN=stand-in-ca "
     ">/dev/null 2>&1"
     " && openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1 >/dev/null 2>&1"
     " && printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext"
     " && openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 2 "
     "-extfile san.ext >/dev/null 2>&1");
}

class StandIn {
 public:
  // `args`: the stand-in's arguments after the certificate and file flags.
  StandIn(const TempDir& dir, const std::string& name, std::vector<std::string> args) : dir_(dir), name_(name) {
    std::vector<std::string> argv = {"python3",      source_dir() + "/tests/live/stand_in_apiserver.py",
                                     "--port-file",  dir / (name + ".port"),
                                     "--calls-file", calls_path(),
                                     "--tls-cert",   dir / "server.crt",
                                     "--tls-key",    dir / "server.key"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> cargv;
    for (auto& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    // Debian's interpreter, where scripts/setup installs python3-yaml, when
    // there is one (a PATH may put another python3 first).
    const char* python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    ::posix_spawnp(&pid_, python, nullptr, nullptr, cargv.data(), environ);
    for (int i = 0; i < 600 && port_ == 0; ++i) {
      std::ifstream in(dir / (name + ".port"));
      in >> port_;
      if (port_ == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ~StandIn() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  StandIn(const StandIn&) = delete;
  StandIn& operator=(const StandIn&) = delete;

  int port() const { return port_; }
  std::string calls_path() const { return dir_ / (name_ + ".calls.json"); }
  // How many times `path` was requested.
  int calls(const std::string& path) const {
    std::string text = read_text(calls_path());
    std::string key = "\"" + path + "\": ";
    size_t at = text.find(key);
    return at == std::string::npos ? 0 : std::atoi(text.c_str() + at + key.size());
  }
  bool any_call_containing(const std::string& part) const {
    return read_text(calls_path()).find(part) != std::string::npos;
  }

 private:
  const TempDir& dir_;
  std::string name_;
  pid_t pid_ = 0;
  int port_ = 0;
};

// A kubeconfig with one context per name, all on `port`, whose user is an
// exec plugin stub appending a line to DIR/stub.count per run.
inline std::string write_kubeconfig(const TempDir& dir, int port, const std::vector<std::string>& contexts) {
  write_text(dir / "stub.sh",
             "#!/bin/sh\necho run >> " + shell_arg(dir / "stub.count") +
                 "\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                 "\"status\":{\"token\":\"stand-in-token\"}}'\n");
  ::chmod((dir / "stub.sh").c_str(), 0755);
  std::ostringstream k;
  k << "apiVersion: v1\nkind: Config\nclusters:\n- name: stand-in\n  cluster:\n    server: https://127.0.0.1:" << port
    << "\n    certificate-authority: " << dir / "ca.crt"
    << "\nusers:\n- name: stub\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
       "      command: "
    << dir / "stub.sh"
    << "\n      interactiveMode: Never\ncontexts:\n";
  for (const std::string& c : contexts) k << "- name: " << c << "\n  context: {cluster: stand-in, user: stub}\n";
  k << "current-context: " << contexts.front() << "\n";
  write_text(dir / "kubeconfig", k.str());
  return dir / "kubeconfig";
}

inline int stub_runs(const TempDir& dir) {
  std::string text = read_text(dir / "stub.count");
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

// A directory for PATH holding the kubectl to run: the installed one, except
// that Google Cloud SDK's dispatcher asks the server for its version (running
// the credential plugin once more) before it hands over to a versioned
// kubectl; the versioned binary is what a user of upstream kubectl runs.
// "" when there is no kubectl.
inline std::string kubectl_bin_dir(const TempDir& dir) {
  FILE* p = ::popen("command -v kubectl 2>/dev/null", "r");
  char buf[4096] = {0};
  std::string found = p && std::fgets(buf, sizeof buf, p) ? buf : "";
  if (p) ::pclose(p);
  while (!found.empty() && (found.back() == '\n' || found.back() == ' ')) found.pop_back();
  if (found.empty()) return "";
  std::string bin = dir / "bin";
  std::filesystem::create_directories(bin);
  std::string use = found;
  if (sh("kubectl version --client 2>/dev/null | grep -q dispatcher") == 0) {
    std::error_code ec;
    std::filesystem::path installed = std::filesystem::canonical(found, ec);
    for (int minor = 40; !ec && minor >= 20 && use == found; --minor) {
      std::filesystem::path v = installed.parent_path() / ("kubectl.1." + std::to_string(minor));
      if (std::filesystem::exists(v)) use = v.string();
    }
  }
  std::filesystem::create_symlink(use, bin + "/kubectl");
  return bin;
}

// Runs hybridctl with extra environment assignments ("NAME=value").
inline CliResult run_with_env(const std::vector<std::string>& env, const std::vector<std::string>& args) {
  static int serial = 0;
  std::string base = "/tmp/hybridctl-live-test-" + std::to_string(getpid()) + "-" + std::to_string(serial++);
  std::string cmd = "env";
  for (const auto& e : env) cmd += " " + shell_arg(e);
  cmd += " " + shell_arg(HYBRIDCTL_BINARY);
  for (const auto& a : args) cmd += " " + shell_arg(a);
  cmd += " >" + base + ".out 2>" + base + ".err </dev/null";
  int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_text(base + ".out");
  r.err = read_text(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

}  // namespace hybridctl::testing
