#include "net/http_client.h"

#include <httplib.h>

namespace hybridctl::net {
namespace {

constexpr size_t kMaxErrorBody = size_t{64} * 1024;

std::string describe(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection:
      return "cannot connect";
    case httplib::Error::Read:
      return "the connection closed before the response was complete";
    case httplib::Error::Write:
      return "the connection closed while the request was sent";
    case httplib::Error::Canceled:
      return "canceled";
    case httplib::Error::SSLConnection:
      return "TLS handshake failed";
    case httplib::Error::SSLLoadingCerts:
      return "cannot load the CA certificates";
    case httplib::Error::SSLServerVerification:
      return "the server's certificate is not signed by the given CA or does not name the host";
    case httplib::Error::ConnectionTimeout:
      return "connection timed out";
    case httplib::Error::Compression:
      return "cannot decompress the response";
    default:
      return httplib::to_string(e);
  }
}

}  // namespace

struct HttpClient::Impl {
  explicit Impl(const HttpEndpoint& e)
      : client(e.scheme + "://" + (e.host.find(':') != std::string::npos ? "[" + e.host + "]" : e.host) + ":" +
               std::to_string(e.port)) {
    // Keep-alive: every page of every list goes over one connection. Nagle
    // would hold back each request line until the previous ACK (the 40 ms
    // stall DEPENDENCY-MEASUREMENTS.md measured).
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    client.set_connection_timeout(e.connect_timeout_seconds, 0);
    client.set_read_timeout(e.read_timeout_seconds, 0);
    client.set_follow_location(false);
    if (e.scheme == "https") {
      if (!e.ca_file.empty()) client.set_ca_cert_path(e.ca_file);
      client.enable_server_certificate_verification(true);
    }
  }
  httplib::Client client;
};

HttpClient::HttpClient(HttpEndpoint endpoint)
    : endpoint_(std::move(endpoint)), impl_(std::make_unique<Impl>(endpoint_)) {}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const std::string& target, const std::function<bool(std::string_view)>& on_body) {
  HttpResponse out;
  httplib::Headers headers{{"Accept", "application/json"}, {"User-Agent", "hybridctl/" HYBRIDCTL_VERSION}};
  if (endpoint_.bearer_token) {
    std::string token = endpoint_.bearer_token();
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  }
  bool stopped_by_caller = false;
  auto result = impl_->client.Get(
      target, headers,
      [&](const httplib::Response& r) {
        out.status = r.status;
        return true;
      },
      [&](const char* data, size_t n) {
        if (out.status >= 200 && out.status < 300) {
          if (on_body(std::string_view(data, n))) return true;
          stopped_by_caller = true;
          return false;
        }
        if (out.error_body.size() < kMaxErrorBody) out.error_body.append(data, std::min(n, kMaxErrorBody));
        return true;
      });
  if (!result) {
    out.transport_error = stopped_by_caller ? "canceled" : describe(result.error());
    out.body_truncated = result.error() == httplib::Error::Read && out.status != 0;
    // A connection that failed mid-response is not reused.
    impl_->client.stop();
  }
  return out;
}

HttpResponse HttpClient::get(const std::string& target, std::string& body) {
  body.clear();
  return get(target, [&body](std::string_view chunk) {
    body.append(chunk);
    return true;
  });
}

std::string query_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace hybridctl::net
