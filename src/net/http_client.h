// The one wrapper of the HTTP library (cpp-httplib, Debian's compiled 0.11):
// nothing else includes it. A client for one server, keeping its connection
// alive across requests, that hands a response body over in the chunks it
// arrives in, so a caller can decode a page while the next bytes are read.
// Not thread-safe: one client per thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace hybridctl::net {

struct HttpEndpoint {
  std::string scheme = "http";  // "http" or "https"
  std::string host = "127.0.0.1";
  int port = 0;
  std::string ca_file;  // https: the CA bundle that signs the server (empty: the system's)
  // A bearer token, asked for before every request so a rotated token file is
  // picked up (empty: no Authorization header).
  std::function<std::string()> bearer_token;
  int connect_timeout_seconds = 10;
  int read_timeout_seconds = 120;  // between two reads, not for the whole body
};

struct HttpResponse {
  int status = 0;               // 0: no response (see transport_error)
  std::string transport_error;  // connection refused, closed mid-body, TLS...: empty when the exchange completed
  bool body_truncated = false;  // the connection ended before the body did
  std::string error_body;       // the body of a non-2xx answer (its first 64 KB)
  bool ok() const { return transport_error.empty() && status >= 200 && status < 300; }
};

class HttpClient final {
 public:
  explicit HttpClient(HttpEndpoint endpoint);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET `target` (path and query). A 2xx body goes to `on_body` chunk by
  // chunk as it arrives; `on_body` returns false to stop reading (the
  // response then has transport_error "canceled"). Other bodies are kept
  // in error_body.
  HttpResponse get(const std::string& target, const std::function<bool(std::string_view)>& on_body);
  // GET and keep the whole body (small documents: discovery, /version).
  HttpResponse get(const std::string& target, std::string& body);

  const HttpEndpoint& endpoint() const { return endpoint_; }

 private:
  struct Impl;
  HttpEndpoint endpoint_;
  std::unique_ptr<Impl> impl_;
};

// Percent-encodes a query parameter's value (RFC 3986 unreserved kept).
std::string query_escape(std::string_view value);

}  // namespace hybridctl::net
