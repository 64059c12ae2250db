#include "report/baseline.h"

#include <fcntl.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/file_text.h"
#include "rules/registry.h"

namespace hybridctl::report {
namespace {

std::string canonical_rule(std::string_view id) {
  if (const rules::Rule* r = rules::find_rule(id)) return r->info().id;
  return std::string(id);
}

std::string field(simdjson::dom::element e, const char* key) {
  std::string_view v;
  if (e[key].get(v) != simdjson::SUCCESS) return {};
  return std::string(v);
}

}  // namespace

bool Baseline::contains(const rules::Finding& f) const {
  return findings.count({canonical_rule(f.rule), f.object.kind, f.object.ns, f.object.name}) > 0;
}

std::optional<Baseline> parse_baseline(std::string_view json, std::string& error) {
  simdjson::dom::parser parser;
  simdjson::padded_string text(json);
  simdjson::dom::element doc;
  if (auto e = parser.parse(text).get(doc); e != simdjson::SUCCESS) {
    error = std::string("not JSON (") + simdjson::error_message(e) + "); expected the output of -o json";
    return std::nullopt;
  }
  simdjson::dom::array findings;
  if (doc["findings"].get(findings) != simdjson::SUCCESS) {
    error = "no \"findings\" array; expected the output of -o json";
    return std::nullopt;
  }
  Baseline out;
  for (simdjson::dom::element f : findings) {
    simdjson::dom::element object;
    std::string rule = field(f, "rule");
    if (rule.empty() || f["object"].get(object) != simdjson::SUCCESS) {
      error = "a finding without \"rule\" or \"object\"";
      return std::nullopt;
    }
    out.findings.emplace(canonical_rule(rule), field(object, "kind"), field(object, "namespace"),
                         field(object, "name"));
  }
  return out;
}

std::optional<Baseline> read_baseline(const std::string& path, std::string& error) {
  std::optional<std::string> text = read_file_text(path);
  if (!text) {
    error = "--baseline " + path + ": cannot open: " + std::strerror(errno);
    return std::nullopt;
  }
  std::optional<Baseline> b = parse_baseline(*text, error);
  if (!b) error = "--baseline " + path + ": " + error;
  return b;
}

size_t drop_baselined(std::vector<rules::Finding>& findings, const Baseline& baseline) {
  size_t before = findings.size();
  std::erase_if(findings, [&](const rules::Finding& f) { return baseline.contains(f); });
  return before - findings.size();
}

bool write_file_atomically(const std::string& path, std::string_view content, std::string& error) {
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = path + ": cannot write: " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    done += static_cast<size_t>(n);
  }
  bool ok = done == content.size() && ::fsync(fd) == 0;
  int saved = errno;
  ok = ::close(fd) == 0 && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) == 0) return true;
  error = path + ": cannot write: " + std::strerror(ok ? errno : saved);
  std::remove(tmp.c_str());
  return false;
}

}  // namespace hybridctl::report
