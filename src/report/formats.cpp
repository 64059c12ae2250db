#include "report/formats.h"

namespace hybridctl::report {

const std::vector<const Format*>& formats() {
  static const std::vector<const Format*> all = {&text_format(), &json_format()};
  return all;
}

const Format* find_format(std::string_view name) {
  for (const Format* f : formats()) {
    if (f->name == name) return f;
  }
  return nullptr;
}

}  // namespace hybridctl::report
