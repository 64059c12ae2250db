#include "decode/sources.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "decode/json_reader.h"
#include "decode/object_decoder.h"
#include "decode/yaml_reader.h"

namespace fs = std::filesystem;

namespace hybridctl::decode {
namespace {

bool has_manifest_extension(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

bool read_all(int fd, std::string& out, std::string& error) {
  char buf[1 << 16];
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      return false;
    }
    if (n == 0) return true;
    out.append(buf, static_cast<size_t>(n));
  }
}

char first_non_space(std::string_view text) {
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return c;
  }
  return 0;
}

class FileLoader {
 public:
  FileLoader(model::Snapshot& snapshot, Diagnostics& diagnostics) : snapshot_(snapshot), diagnostics_(diagnostics) {}

  void load(const std::string& path);

 private:
  uint32_t register_file(const std::string& path) {
    snapshot_.files.push_back(path);
    return static_cast<uint32_t>(snapshot_.files.size() - 1);
  }
  void load_json_stream(int fd, const std::string& path, uint32_t id);
  void load_text(const std::string& text, const std::string& path, uint32_t id, bool json);
  void fail(const std::string& path, LineCol at, const std::string& message) {
    diagnostics_.error(Location{path, at.line, at.column}, message);
  }
  // Adopts the staged objects of a file that parsed.
  void commit(model::Snapshot& staged, Diagnostics& staged_diagnostics) {
    snapshot_.absorb(std::move(staged));
    diagnostics_.append(staged_diagnostics);
  }

  model::Snapshot& snapshot_;
  Diagnostics& diagnostics_;
};

void FileLoader::load(const std::string& path) {
  bool is_stdin = path == "-";
  std::string display = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? 0 : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    diagnostics_.error(Location{display}, std::string("cannot open: ") + std::strerror(errno));
    return;
  }
  uint32_t id = register_file(display);
  bool json_by_name = fs::path(path).extension() == ".json";
  if (json_by_name && !is_stdin) {
    load_json_stream(fd, display, id);
    ::close(fd);
    return;
  }
  std::string text, error;
  bool ok = read_all(fd, text, error);
  if (!is_stdin) ::close(fd);
  if (!ok) {
    diagnostics_.error(Location{display}, "cannot read: " + error);
    return;
  }
  char first = first_non_space(text);
  if (first == 0) {
    diagnostics_.note(Location{display}, "empty file: no Kubernetes objects");
    return;
  }
  load_text(text, display, id, first == '{' || first == '[');
}

void FileLoader::load_json_stream(int fd, const std::string& path, uint32_t id) {
  model::Snapshot staged;
  Diagnostics staged_diagnostics;
  ObjectDecoder decoder(staged, staged_diagnostics);
  // Items without a kind wait for the List's kind (a raw API PodList).
  std::vector<std::pair<Value, LineCol>> kindless;
  bool not_a_list = false;
  auto item_sink = [&](Value&& item, const DocumentContext& ctx) {
    if (item.is_object() && !item.get("kind")) {
      kindless.emplace_back(std::move(item), ctx.lines->locate(item.offset()));
      return;
    }
    decoder.decode_item(item, ctx);
  };
  auto root_sink = [&](Value&& root, const DocumentContext& ctx) {
    const Value* kind = root.get("kind");
    std::string k = kind && kind->is_scalar() ? kind->text() : "";
    if (root.get("items")) {
      if (!k.ends_with("List")) {
        not_a_list = true;  // an `items` member of something else: read it whole
        return;
      }
      std::string item_kind = k == "List" ? "" : k.substr(0, k.size() - 4);
      for (auto& [item, at] : kindless) {
        LineCounter lc;
        lc.reset({}, item.offset(), at);
        DocumentContext item_ctx{ctx.file_id, ctx.path, &lc};
        decoder.decode_item(item, item_ctx, item_kind);
      }
      return;
    }
    decoder.decode_document(root, ctx);
  };
  JsonReadResult r = read_json_stream(fd, id, path, item_sink, root_sink);
  if (!r.ok) {
    fail(path, r.error_at, r.error);
    return;
  }
  if (r.empty) {
    diagnostics_.note(Location{path}, "empty file: no Kubernetes objects");
    return;
  }
  if (not_a_list) {
    if (::lseek(fd, 0, SEEK_SET) != 0) {
      diagnostics_.error(Location{path}, "cannot re-read the file");
      return;
    }
    std::string text, error;
    if (!read_all(fd, text, error)) {
      diagnostics_.error(Location{path}, "cannot read: " + error);
      return;
    }
    load_text(text, path, id, true);
    return;
  }
  commit(staged, staged_diagnostics);
}

void FileLoader::load_text(const std::string& text, const std::string& path, uint32_t id, bool json) {
  model::Snapshot staged;
  Diagnostics staged_diagnostics;
  ObjectDecoder decoder(staged, staged_diagnostics);
  auto sink = [&](Value&& root, const DocumentContext& ctx) { decoder.decode_document(root, ctx); };
  if (json) {
    JsonReadResult r = read_json_text(text, id, path, sink);
    if (!r.ok) {
      // A .yaml file (or stdin) that opens with `{` or `[` may be flow-style
      // YAML, which is not JSON: read it as YAML before calling it broken.
      bool yaml_by_name = path.ends_with(".yaml") || path.ends_with(".yml");
      if (path.ends_with(".json")) return fail(path, r.error_at, r.error);
      model::Snapshot yaml_staged;
      Diagnostics yaml_diagnostics;
      ObjectDecoder yaml_decoder(yaml_staged, yaml_diagnostics);
      YamlReadResult y = read_yaml(text, id, path, [&](Value&& root, const DocumentContext& ctx) {
        yaml_decoder.decode_document(root, ctx);
      });
      if (y.ok) return commit(yaml_staged, yaml_diagnostics);
      // Neither: report in the format the name says (stdin: JSON, as it looks).
      return yaml_by_name ? fail(path, y.error_at, y.error) : fail(path, r.error_at, r.error);
    }
  } else {
    YamlReadResult r = read_yaml(text, id, path, sink);
    if (!r.ok) {
      if (looks_like_template(text)) {
        diagnostics_.note(Location{path}, "skipped: a Helm template (render it with `helm template` first)");
        return;
      }
      return fail(path, r.error_at, r.error);
    }
  }
  commit(staged, staged_diagnostics);
}

void collect_directory(const fs::path& dir, std::vector<std::string>& files, Diagnostics& diagnostics) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) entries.push_back(e.path());
  if (ec) {
    diagnostics.error(Location{dir.string()}, "cannot list: " + ec.message());
    return;
  }
  std::sort(entries.begin(), entries.end());
  if (fs::exists(dir / "Chart.yaml")) {
    diagnostics.note(Location{dir.string()}, "skipped: a Helm chart (render it with `helm template` first)");
    return;
  }
  for (const fs::path& p : entries) {
    std::string name = p.filename().string();
    if (!name.empty() && name[0] == '.') continue;
    if (fs::is_directory(p, ec)) {
      collect_directory(p, files, diagnostics);
    } else if (has_manifest_extension(p)) {
      files.push_back(p.string());
    }
  }
}

}  // namespace

bool looks_like_template(std::string_view text) {
  char quote = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') quote = 0;  // quoted scalars in manifests do not span lines
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '{' && text[i + 1] == '{') {
      return true;
    }
  }
  return false;
}

void load_file(const std::string& path, model::Snapshot& snapshot, Diagnostics& diagnostics) {
  FileLoader(snapshot, diagnostics).load(path);
}

void load_sources(const std::vector<std::string>& inputs, model::Snapshot& snapshot, Diagnostics& diagnostics) {
  FileLoader loader(snapshot, diagnostics);
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<std::string> files;
      collect_directory(input, files, diagnostics);
      for (const std::string& f : files) loader.load(f);
    } else {
      loader.load(input);
    }
  }
}

}  // namespace hybridctl::decode
