#include "model/node.h"

namespace hybridctl::model {

std::string node_class_key(const Node& n) {
  std::string k;
  for (const auto& [key, value] : n.meta.labels) {
    if (key == kHostnameLabel) {
      k += "\x04H";  // whether the node has a hostname label matters (topology keys); its value does not
      continue;
    }
    k += key;
    k += '\x01';
    k += value;
    k += '\x02';
  }
  k += '\x03';
  for (const Taint& t : n.taints) {
    k += t.key;
    k += '\x01';
    k += t.value;
    k += '\x01';
    k += t.effect;
    k += '\x02';
  }
  k += n.unschedulable ? "U" : "S";
  return k;
}

}  // namespace hybridctl::model
