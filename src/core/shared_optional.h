// An optional value that copies share until one of them is changed (copy on
// write): what SharedList is to a vector, for one value. The pods of one
// ReplicaSet carry the same affinity, a few hundred bytes each; interned,
// they hold one. Reading is std::optional's const interface; changing goes
// through edit() or emplace(), which copy first when the value is shared.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace hybridctl {

template <typename T>
class SharedOptional {
 public:
  using value_type = T;

  SharedOptional() = default;
  SharedOptional(std::nullopt_t) {}                                           // NOLINT: like std::optional
  SharedOptional(T value) : value_(std::make_shared<T>(std::move(value))) {}  // NOLINT: like std::optional
  SharedOptional(std::optional<T> value) {                                    // NOLINT: like std::optional
    if (value) value_ = std::make_shared<T>(std::move(*value));
  }

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const T& operator*() const { return *value_; }
  const T* operator->() const { return value_.get(); }
  const T& value() const { return *value_; }

  // The value to change in place (a default one when empty): this object's
  // own copy from now on.
  T& edit() {
    if (!value_) {
      value_ = std::make_shared<T>();
    } else if (value_.use_count() > 1) {
      value_ = std::make_shared<T>(*value_);
    }
    return *value_;
  }
  template <typename... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_shared<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() { value_.reset(); }

  // An identity for the value: equal for objects that share it, null when empty.
  const void* storage_id() const { return value_.get(); }

  bool operator==(const SharedOptional& other) const {
    if (value_ == other.value_) return true;
    if (!value_ || !other.value_) return false;
    return *value_ == *other.value_;
  }

 private:
  std::shared_ptr<T> value_;
};

}  // namespace hybridctl
