// The YAML floor: libfyaml's raw event parse of a file on one core, with the
// same parser flags as hybridctl's reader, building nothing. bench/run
// compares hybridctl's YAML audit with it.
#include <libfyaml.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.yaml\n", argv[0]);
    return 2;
  }
  fy_parse_cfg cfg{};
  cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_DEFAULT_VERSION_1_2 | FYPCF_SLOPPY_FLOW_INDENTATION | FYPCF_QUIET);
  fy_parser* parser = fy_parser_create(&cfg);
  if (!parser || fy_parser_set_input_file(parser, argv[1]) != 0) {
    std::fprintf(stderr, "%s: cannot open\n", argv[1]);
    return 2;
  }
  size_t events = 0, scalars = 0, documents = 0, scalar_bytes = 0;
  while (fy_event* e = fy_parser_parse(parser)) {
    ++events;
    if (e->type == FYET_DOCUMENT_START) ++documents;
    if (e->type == FYET_SCALAR) {
      ++scalars;
      size_t len = 0;
      // Reading the text is part of any use of the event (it unescapes quoted scalars).
      if (fy_token_get_text(e->scalar.value, &len)) scalar_bytes += len;
    }
    fy_parser_event_free(parser, e);
  }
  bool failed = fy_parser_get_stream_error(parser);
  fy_parser_destroy(parser);
  if (failed) {
    std::fprintf(stderr, "%s: YAML error\n", argv[1]);
    return 1;
  }
  std::printf("events %zu documents %zu scalars %zu scalar-bytes %zu\n", events, documents, scalars, scalar_bytes);
  return 0;
}
