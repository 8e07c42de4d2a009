#pragma once

// Helpers of the typed model's JSON mapping (the generated model.cpp): a member of a JSON object
// read into, or written from, a C++ value, with std::optional as null or an absent member.
// Values are checked (values.h) before they are read, so a read only fails on a bug.

#include <map>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "bpc/runtime/values.h"

namespace bpc::runtime {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
void read_member(const Json& object, std::string_view key, T& out) {
  const auto it = object.find(key);
  if constexpr (IsOptional<T>::value) {
    if (it == object.end() || it->is_null()) out.reset();
    else out = it->template get<typename T::value_type>();
  } else {
    if (it != object.end()) out = it->template get<T>();
  }
}

template <class T>
void write_member(Json& object, std::string_view key, const T& value) {
  if constexpr (IsOptional<T>::value) {
    if (value) object[std::string(key)] = *value;
    else object[std::string(key)] = nullptr;
  } else {
    object[std::string(key)] = value;
  }
}

}  // namespace bpc::runtime
