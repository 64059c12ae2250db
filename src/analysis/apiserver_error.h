// Reads an error message of the API server (as kubectl, a controller's log
// or an event prints it) for what `webhooks --why` needs: which webhook,
// conversion webhook or aggregated API failed, the address it called, and
// the symptom. The formats are kube-apiserver's own:
//   admission:  failed calling webhook "NAME": failed to call webhook: Post "URL": REASON
//               (apiserver/pkg/util/webhook ErrCallingWebhook, wrapped by "Internal error occurred: ")
//   conversion: conversion webhook for GROUP/VERSION, Kind=KIND failed: Post "URL": REASON
//               (apiextensions-apiserver webhook_converter.go)
//   aggregated: the server is currently unable to handle the request (get RESOURCE.GROUP)
//               GROUP/VERSION: the server is currently unable to handle the request (discovery)
//   resolving:  no endpoints available for service "NAME", no service port N found for service "NAME"
//               (apiserver/pkg/util/proxy ResolveEndpoint)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hybridctl::analysis {

enum class CallKind : uint8_t { AdmissionWebhook, ConversionWebhook, APIService, Unknown };

enum class Symptom : uint8_t {
  Timeout,             // context deadline exceeded, Client.Timeout, i/o timeout
  NoEndpoints,         // no endpoints available for service
  NoServicePort,       // no service port N found for service
  ServiceNotFound,     // service "x" not found
  UnknownAuthority,    // x509: certificate signed by unknown authority
  CertificateOther,    // other x509 errors (expired, wrong name)
  ConnectionRefused,   // connect: connection refused
  Unreachable,         // no route to host, network is unreachable, Address is not allowed
  ConnectionReset,     // EOF, connection reset by peer
  ServiceUnavailable,  // the server is currently unable to handle the request
  Denied,              // admission webhook "x" denied the request: the webhook answered
  Other
};

const char* call_kind_name(CallKind k);
const char* symptom_name(Symptom s);

struct ApiServerError {
  CallKind kind = CallKind::Unknown;
  std::string name;          // admission webhook name
  std::string group;         // conversion: the CRD's group; aggregated: the API group
  std::string version;       // when the text names it
  std::string kind_name;     // conversion: the custom resource's Kind
  std::string url;           // the URL the API server posted to
  std::string service_ns;    // from a URL host of the form NAME.NS.svc
  std::string service_name;  // or from "no endpoints available for service "NAME""
  std::optional<int32_t> service_port;
  Symptom symptom = Symptom::Other;
  std::string symptom_text;  // the words that gave the symptom away
};

ApiServerError parse_apiserver_error(std::string_view text);

}  // namespace hybridctl::analysis
