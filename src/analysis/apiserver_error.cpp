#include "analysis/apiserver_error.h"

#include <array>
#include <charconv>
#include <utility>

namespace hybridctl::analysis {
namespace {

// The text between the quotes that follow `prefix`, or "".
std::string quoted_after(std::string_view text, std::string_view prefix) {
  size_t at = text.find(prefix);
  if (at == std::string_view::npos) return {};
  size_t open = at + prefix.size();
  if (open >= text.size() || (text[open] != '"' && text[open] != '\\')) return {};
  if (text[open] == '\\') ++open;  // an escaped quote, as in JSON-encoded events
  size_t close = text.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  std::string_view inner = text.substr(open + 1, close - open - 1);
  if (inner.ends_with('\\')) inner.remove_suffix(1);
  return std::string(inner);
}

void read_url(std::string_view text, ApiServerError& out) {
  for (std::string_view verb : {"Post ", "Get ", "Put "}) {
    out.url = quoted_after(text, verb);
    if (!out.url.empty()) break;
  }
  if (out.url.empty()) return;
  std::string_view host = out.url;
  if (size_t scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
  host = host.substr(0, host.find_first_of("/?"));
  if (size_t colon = host.rfind(':'); colon != std::string_view::npos && !host.starts_with('[')) {
    int32_t port = 0;
    std::string_view digits = host.substr(colon + 1);
    if (std::from_chars(digits.data(), digits.data() + digits.size(), port).ec == std::errc()) out.service_port = port;
    host = host.substr(0, colon);
  }
  // NAME.NS.svc (or .svc.cluster.local): the API server's name for a Service.
  size_t svc = host.find(".svc");
  if (svc == std::string_view::npos) return;
  std::string_view name_ns = host.substr(0, svc);
  size_t dot = name_ns.find('.');
  if (dot == std::string_view::npos) return;
  out.service_name = std::string(name_ns.substr(0, dot));
  out.service_ns = std::string(name_ns.substr(dot + 1));
}

// "GROUP/VERSION, Kind=KIND" of the conversion error.
void read_conversion(std::string_view text, ApiServerError& out) {
  constexpr std::string_view kPrefix = "conversion webhook for ";
  size_t at = text.find(kPrefix);
  std::string_view rest = text.substr(at + kPrefix.size());
  std::string_view gv = rest.substr(0, rest.find(','));
  size_t slash = gv.rfind('/');
  out.group = std::string(slash == std::string_view::npos ? std::string_view() : gv.substr(0, slash));
  out.version = std::string(slash == std::string_view::npos ? gv : gv.substr(slash + 1));
  if (size_t k = rest.find("Kind="); k != std::string_view::npos) {
    std::string_view kind = rest.substr(k + 5);
    out.kind_name = std::string(kind.substr(0, kind.find_first_of(" ,:")));
  }
}

// "(get pods.metrics.k8s.io)" or "metrics.k8s.io/v1beta1: the server is ...".
void read_aggregated(std::string_view text, ApiServerError& out) {
  if (size_t open = text.find("(get "); open != std::string_view::npos) {
    std::string_view what = text.substr(open + 5);
    what = what.substr(0, what.find(')'));
    if (size_t dot = what.find('.'); dot != std::string_view::npos) out.group = std::string(what.substr(dot + 1));
    return;
  }
  constexpr std::string_view kUnable = ": the server is currently unable to handle the request";
  size_t at = text.find(kUnable);
  if (at == std::string_view::npos) return;
  std::string_view before = text.substr(0, at);
  size_t start = before.find_last_of(" \t\n,");
  std::string_view gv = start == std::string_view::npos ? before : before.substr(start + 1);
  size_t slash = gv.find('/');
  if (slash == std::string_view::npos) return;
  out.group = std::string(gv.substr(0, slash));
  out.version = std::string(gv.substr(slash + 1));
}

void read_symptom(std::string_view text, ApiServerError& out) {
  // Most specific first: an x509 error inside a timeout message is the cause.
  static constexpr std::array<std::pair<std::string_view, Symptom>, 18> kTokens{{
      {"denied the request", Symptom::Denied},
      {"x509: certificate signed by unknown authority", Symptom::UnknownAuthority},
      {"x509:", Symptom::CertificateOther},
      {"no endpoints available for service", Symptom::NoEndpoints},
      {"no service port", Symptom::NoServicePort},
      {"connection refused", Symptom::ConnectionRefused},
      {"no route to host", Symptom::Unreachable},
      {"network is unreachable", Symptom::Unreachable},
      {"Address is not allowed", Symptom::Unreachable},
      {"context deadline exceeded", Symptom::Timeout},
      {"Client.Timeout exceeded", Symptom::Timeout},
      {"i/o timeout", Symptom::Timeout},
      {"connection reset by peer", Symptom::ConnectionReset},
      {": EOF", Symptom::ConnectionReset},
      {"\" not found", Symptom::ServiceNotFound},
      {"the server is currently unable to handle the request", Symptom::ServiceUnavailable},
      {"service unavailable", Symptom::ServiceUnavailable},
      {"ServiceUnavailable", Symptom::ServiceUnavailable},
  }};
  for (const auto& [token, symptom] : kTokens) {
    if (text.find(token) != std::string_view::npos) {
      out.symptom = symptom;
      out.symptom_text = std::string(token);
      return;
    }
  }
}

}  // namespace

const char* call_kind_name(CallKind k) {
  switch (k) {
    case CallKind::AdmissionWebhook:
      return "admission webhook";
    case CallKind::ConversionWebhook:
      return "conversion webhook";
    case CallKind::APIService:
      return "APIService";
    case CallKind::Unknown:
      return "unknown";
  }
  return "unknown";
}

const char* symptom_name(Symptom s) {
  switch (s) {
    case Symptom::Timeout:
      return "timeout";
    case Symptom::NoEndpoints:
      return "no endpoints";
    case Symptom::NoServicePort:
      return "no such Service port";
    case Symptom::ServiceNotFound:
      return "Service not found";
    case Symptom::UnknownAuthority:
      return "certificate signed by unknown authority";
    case Symptom::CertificateOther:
      return "certificate error";
    case Symptom::ConnectionRefused:
      return "connection refused";
    case Symptom::Unreachable:
      return "address unreachable";
    case Symptom::ConnectionReset:
      return "connection reset";
    case Symptom::ServiceUnavailable:
      return "service unavailable";
    case Symptom::Denied:
      return "denied by the webhook";
    case Symptom::Other:
      return "unrecognised";
  }
  return "unrecognised";
}

ApiServerError parse_apiserver_error(std::string_view text) {
  ApiServerError out;
  if (std::string name = quoted_after(text, "failed calling webhook "); !name.empty()) {
    out.kind = CallKind::AdmissionWebhook;
    out.name = std::move(name);
  } else if (std::string denied = quoted_after(text, "admission webhook "); !denied.empty()) {
    out.kind = CallKind::AdmissionWebhook;
    out.name = std::move(denied);
  } else if (text.find("conversion webhook for ") != std::string_view::npos) {
    out.kind = CallKind::ConversionWebhook;
    read_conversion(text, out);
  } else if (text.find("the server is currently unable to handle the request") != std::string_view::npos) {
    out.kind = CallKind::APIService;
    read_aggregated(text, out);
  }
  read_url(text, out);
  if (out.service_name.empty()) out.service_name = quoted_after(text, "no endpoints available for service ");
  if (out.service_name.empty()) {
    std::string svc = quoted_after(text, "found for service ");
    if (!svc.empty()) out.service_name = std::move(svc);
  }
  read_symptom(text, out);
  return out;
}

}  // namespace hybridctl::analysis
