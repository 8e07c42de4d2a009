#pragma once

// Boxed<T>: an optional T kept on the heap, one pointer wide. The IR uses it for members that
// are usually absent and large when present (a field's default value, the text of its
// constraints), so that a module with a hundred thousand fields stays small. It reads like
// std::optional (`if (box)`, `*box`, `box->`, `box = value`, `box = std::nullopt`), copies
// deeply, compares by value, and converts to and from std::optional<T> for code that wants one.

#include <memory>
#include <optional>
#include <utility>

namespace bpc::ir {

template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(std::nullopt_t) {}  // NOLINT: reads like std::optional
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  Boxed(const char* text) requires std::is_constructible_v<T, const char*>  // NOLINT
      : value_(std::make_unique<T>(text)) {}
  Boxed(const std::optional<T>& value) {  // NOLINT
    if (value) value_ = std::make_unique<T>(*value);
  }
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(std::nullopt_t) {
    value_.reset();
    return *this;
  }

  explicit operator bool() const { return value_ != nullptr; }
  bool has_value() const { return value_ != nullptr; }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return value_.get(); }
  T* operator->() { return value_.get(); }
  T value_or(T fallback) const { return value_ ? *value_ : std::move(fallback); }
  template <typename... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() { value_.reset(); }
  operator std::optional<T>() const {  // NOLINT: for code that wants a std::optional
    return value_ ? std::optional<T>(*value_) : std::nullopt;
  }

  friend bool operator==(const Boxed& a, const Boxed& b) {
    if (!a.value_ || !b.value_) return !a.value_ && !b.value_;
    return *a.value_ == *b.value_;
  }

 private:
  std::unique_ptr<T> value_;
};

// Sparse<T>: a T that is usually the default T{}, kept on the heap only when it is not. Reads of
// an empty one see T{} (`sparse->member`, `*sparse`); writes go through `edit()`, which allocates.
// A field's constraints are Sparse: most fields, and every parameter desugaring creates, have
// none, and a Field is the most numerous node of a module. It is a Boxed<T> whose absence reads
// as T{}, so it copies deeply the same way.
template <typename T>
class Sparse {
 public:
  Sparse() = default;
  Sparse(T value) {  // NOLINT: assigning a T reads naturally
    if (!(value == T{})) value_ = std::move(value);
  }
  Sparse(const char* text) requires std::is_constructible_v<T, const char*>  // NOLINT
      : Sparse(T(text)) {}

  const T& operator*() const { return value_ ? *value_ : empty(); }
  const T* operator->() const { return &**this; }
  operator const T&() const { return **this; }  // NOLINT: reads like the T it holds
  // The value, to change; allocated on first use.
  T& edit() { return value_ ? *value_ : value_.emplace(); }

  friend bool operator==(const Sparse& a, const Sparse& b) { return *a == *b; }

 private:
  static const T& empty() {
    static const T kEmpty{};
    return kEmpty;
  }
  Boxed<T> value_;
};

}  // namespace bpc::ir
