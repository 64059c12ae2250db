// The JSON floor: loads a file and walks every value of it with simdjson's
// On-Demand API (keys and strings unescaped, numbers converted), doing
// nothing else. No JSON-reading tool can be faster on this CPU, so bench/run
// divides hybridctl's time by this one.
#include <simdjson.h>

#include <cstdio>

namespace {

struct Counts {
  size_t objects = 0, arrays = 0, strings = 0, numbers = 0, others = 0, string_bytes = 0;
};

simdjson::error_code walk(simdjson::ondemand::value v, Counts& c) {
  simdjson::ondemand::json_type type;
  if (auto err = v.type().get(type)) return err;
  switch (type) {
    case simdjson::ondemand::json_type::object: {
      ++c.objects;
      simdjson::ondemand::object obj;
      if (auto err = v.get_object().get(obj)) return err;
      for (auto field : obj) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key)) return err;
        c.string_bytes += key.size();
        if (auto err = walk(field.value(), c)) return err;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::array: {
      ++c.arrays;
      simdjson::ondemand::array arr;
      if (auto err = v.get_array().get(arr)) return err;
      for (auto element : arr) {
        simdjson::ondemand::value ev;
        if (auto err = element.get(ev)) return err;
        if (auto err = walk(ev, c)) return err;
      }
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::string: {
      ++c.strings;
      std::string_view s;
      if (auto err = v.get_string().get(s)) return err;
      c.string_bytes += s.size();
      return simdjson::SUCCESS;
    }
    case simdjson::ondemand::json_type::number: {
      ++c.numbers;
      double d;
      return v.get_double().get(d);
    }
    default: {
      ++c.others;
      bool b;
      if (v.get_bool().get(b) == simdjson::SUCCESS) return simdjson::SUCCESS;
      bool is_null = false;
      return v.is_null().get(is_null);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE.json\n", argv[0]);
    return 2;
  }
  simdjson::padded_string text;
  if (auto err = simdjson::padded_string::load(argv[1]).get(text)) {
    std::fprintf(stderr, "%s: %s\n", argv[1], simdjson::error_message(err));
    return 2;
  }
  simdjson::ondemand::parser parser(text.size() + 1);
  simdjson::ondemand::document doc;
  Counts c;
  simdjson::ondemand::value root;
  simdjson::error_code err = parser.iterate(text).get(doc);
  if (!err) err = doc.get_value().get(root);
  if (!err) err = walk(root, c);
  if (err) {
    std::fprintf(stderr, "%s: %s\n", argv[1], simdjson::error_message(err));
    return 1;
  }
  std::printf("objects %zu arrays %zu strings %zu numbers %zu other %zu string-bytes %zu (%s)\n", c.objects, c.arrays,
              c.strings, c.numbers, c.others, c.string_bytes, simdjson::get_active_implementation()->name().c_str());
  return 0;
}
