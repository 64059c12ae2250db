// A list that copies share until one of them is changed (copy on write).
// The pods of one ReplicaSet carry identical tolerations, containers and
// owner references; the decoder interns them (decode/model_interner.h) so
// that 150,000 pods hold a few thousand lists instead of 150,000 copies.
// Reading is a std::vector's const interface; changing goes through the
// named mutators, which copy first when the storage is shared, so a change
// never shows through another object.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace hybridctl {

template <typename T>
class SharedList {
 public:
  using value_type = T;
  using const_iterator = typename std::vector<T>::const_iterator;
  using iterator = const_iterator;
  using size_type = size_t;

  SharedList() = default;
  SharedList(std::initializer_list<T> items) { assign(std::vector<T>(items)); }
  SharedList(std::vector<T> items) { assign(std::move(items)); }  // NOLINT: a vector is a list

  // The items, as the std::vector that functions taking one expect.
  const std::vector<T>& items() const { return items_ ? *items_ : empty_vector(); }
  operator const std::vector<T>&() const { return items(); }  // NOLINT: reads as a vector

  const_iterator begin() const { return items().begin(); }
  const_iterator end() const { return items().end(); }
  size_t size() const { return items_ ? items_->size() : 0; }
  bool empty() const { return size() == 0; }
  const T& operator[](size_t i) const { return (*items_)[i]; }
  const T& front() const { return items_->front(); }
  const T& back() const { return items_->back(); }

  void push_back(T item) { edit().push_back(std::move(item)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return edit().emplace_back(std::forward<Args>(args)...);
  }
  void reserve(size_t n) { edit().reserve(n); }
  void clear() { items_.reset(); }

  // The items to change in place: this list's own copy from now on.
  std::vector<T>& edit() {
    if (!items_) {
      items_ = std::make_shared<std::vector<T>>();
    } else if (items_.use_count() > 1) {
      items_ = std::make_shared<std::vector<T>>(*items_);
    }
    return *items_;
  }

  // True when both read the same storage (interned together, or copied).
  bool shares_storage_with(const SharedList& other) const { return items_ == other.items_; }
  // An identity for the storage: equal for lists that share it, null when empty.
  const void* storage_id() const { return items_.get(); }

  bool operator==(const SharedList& other) const { return items_ == other.items_ || items() == other.items(); }

 private:
  void assign(std::vector<T> items) {
    if (items.empty()) {
      items_.reset();
    } else {
      items_ = std::make_shared<std::vector<T>>(std::move(items));
    }
  }
  static const std::vector<T>& empty_vector() {
    static const std::vector<T> empty;
    return empty;
  }
  std::shared_ptr<std::vector<T>> items_;  // null: empty
};

}  // namespace hybridctl
