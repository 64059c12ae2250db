// Decode hot paths: simdjson → Value, Value → model, libfyaml → Value, and
// whole files through load_file (streamed List, multi-document YAML).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "bench_inputs.h"
#include "core/diagnostic.h"
#include "decode/json_value_builder.h"
#include "decode/object_decoder.h"
#include "decode/sources.h"
#include "decode/yaml_reader.h"
#include "model/snapshot.h"

namespace hybridctl::bench {
namespace {

// A file under /tmp holding `text`, removed when the benchmark ends.
class TempFile {
 public:
  TempFile(const std::string& text, const char* suffix) {
    std::string pattern = std::string("/tmp/hybridctl-bench-XXXXXX") + suffix;
    int fd = ::mkstemps(pattern.data(), static_cast<int>(std::char_traits<char>::length(suffix)));
    if (fd < 0) std::abort();
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void BM_JsonValueBuilder_Pod(benchmark::State& state) {
  decode::JsonValueBuilder builder;
  std::string error;
  uint64_t error_offset = 0;
  for (auto _ : state) {
    Value v;
    if (!builder.parse(kPodJson, 0, v, error, error_offset, decode::FieldScope::Object)) {
      state.SkipWithError(error.c_str());
    }
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kPodJson.size()));
}
BENCHMARK(BM_JsonValueBuilder_Pod);

void BM_ObjectDecoder_Pod(benchmark::State& state) {
  decode::JsonValueBuilder builder;
  std::string error, path = "pod.json";
  uint64_t error_offset = 0;
  Value pod;
  builder.parse(kPodJson, 0, pod, error, error_offset, decode::FieldScope::Object);
  LineCounter lines;
  lines.reset(kPodJson, 0, LineCol{});
  decode::DocumentContext ctx{0, &path, &lines};
  for (auto _ : state) {
    model::Snapshot snapshot;
    Diagnostics diagnostics;
    decode::ObjectDecoder(snapshot, diagnostics).decode_document(pod, ctx);
    benchmark::DoNotOptimize(snapshot.pods.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ObjectDecoder_Pod);

// arg 0: the block scanner (YamlEngine::Auto); 1: libfyaml, for the ratio.
void BM_ReadYaml_Pod(benchmark::State& state) {
  std::string path = "pod.yaml";
  decode::YamlReadOptions options;
  options.engine = state.range(0) == 0 ? decode::YamlEngine::Auto : decode::YamlEngine::LibfyamlOnly;
  for (auto _ : state) {
    size_t documents = 0;
    auto r = decode::read_yaml(
        kPodYaml, 0, path, [&](Value&&, const decode::DocumentContext&) { ++documents; }, options);
    if (!r.ok || documents != 1) state.SkipWithError("YAML parse failed");
  }
  state.SetLabel(state.range(0) == 0 ? "block scanner" : "libfyaml");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kPodYaml.size()));
}
BENCHMARK(BM_ReadYaml_Pod)->Arg(0)->Arg(1);

// Whole files, as `hybridctl audit FILE` reads them (arg: pods in the file).
void load_file_bench(benchmark::State& state, const std::string& text, const char* suffix) {
  TempFile file(text, suffix);
  for (auto _ : state) {
    model::Snapshot snapshot;
    Diagnostics diagnostics;
    decode::load_file(file.path(), snapshot, diagnostics);
    if (snapshot.pods.size() != static_cast<size_t>(state.range(0))) state.SkipWithError("wrong pod count");
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * state.range(0)));
}

void BM_LoadFile_JsonList(benchmark::State& state) {
  load_file_bench(state, pod_list_json(static_cast<int>(state.range(0))), ".json");
}
// Real time: the items are decoded on worker threads.
BENCHMARK(BM_LoadFile_JsonList)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadFile_YamlStream(benchmark::State& state) {
  load_file_bench(state, pod_stream_yaml(static_cast<int>(state.range(0))), ".yaml");
}
BENCHMARK(BM_LoadFile_YamlStream)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace hybridctl::bench
