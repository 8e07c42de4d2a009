#pragma once

// The JSON trees the schema backends build (JSON Schema, OpenAPI): nlohmann::basic_json whose
// objects keep their members in insertion order, so output is deterministic and reads in the
// order the mapping writes it.
//
// Why not nlohmann::ordered_json: its objects are vectors of `pair<const std::string, json>`,
// and a pair with a const key cannot move, so every time an object grows, its vector copies
// every member with the whole subtree below it. The OpenAPI documents of large models spent
// more time copying trees than building them. `MovableOrderedMap` is the same insertion-ordered
// vector with a mutable key: members move on growth and on erase. Lookups are linear, as in
// nlohmann's: objects here are small, and the large ones are built by appending.

#include <initializer_list>
#include <iterator>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace bpc::backends::jsonschema {

// An insertion-ordered map for nlohmann::basic_json's ObjectType. basic_json passes an allocator
// of `pair<const Key, T>`; the members here are `pair<Key, T>`, so it is ignored.
template <class Key, class T, class IgnoredLess = std::less<Key>, class IgnoredAllocator = void>
struct MovableOrderedMap : std::vector<std::pair<Key, T>> {
  using key_type = Key;
  using mapped_type = T;
  using Container = std::vector<std::pair<Key, T>>;
  using iterator = typename Container::iterator;
  using const_iterator = typename Container::const_iterator;
  using size_type = typename Container::size_type;
  using value_type = typename Container::value_type;
  using key_compare = std::equal_to<>;

  MovableOrderedMap() noexcept = default;
  template <class Allocator>
  explicit MovableOrderedMap(const Allocator& /*unused*/) noexcept {}
  template <class It>
    requires(!std::is_convertible_v<It, Key>)
  MovableOrderedMap(It first, It last) : Container(first, last) {}
  MovableOrderedMap(std::initializer_list<value_type> init) : Container(init) {}

  template <class K>
  iterator find(const K& key) {
    for (auto it = this->begin(); it != this->end(); ++it) {
      if (it->first == key) return it;
    }
    return this->end();
  }
  template <class K>
  const_iterator find(const K& key) const {
    for (auto it = this->begin(); it != this->end(); ++it) {
      if (it->first == key) return it;
    }
    return this->end();
  }
  template <class K>
  size_type count(const K& key) const { return find(key) == this->end() ? 0 : 1; }

  template <class K>
  std::pair<iterator, bool> emplace(K&& key, T&& value) {
    if (const auto it = find(key); it != this->end()) return {it, false};
    this->emplace_back(std::forward<K>(key), std::move(value));
    return {std::prev(this->end()), true};
  }
  std::pair<iterator, bool> insert(value_type&& member) { return emplace(std::move(member.first), std::move(member.second)); }
  std::pair<iterator, bool> insert(const value_type& member) {
    if (const auto it = find(member.first); it != this->end()) return {it, false};
    this->push_back(member);
    return {std::prev(this->end()), true};
  }
  template <class It>
    requires std::is_convertible_v<typename std::iterator_traits<It>::iterator_category, std::input_iterator_tag>
  void insert(It first, It last) {
    for (; first != last; ++first) insert(*first);
  }

  template <class K>
  T& operator[](K&& key) { return emplace(std::forward<K>(key), T{}).first->second; }
  template <class K>
  const T& operator[](const K& key) const { return at(key); }

  template <class K>
  T& at(const K& key) {
    if (const auto it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }
  template <class K>
  const T& at(const K& key) const {
    if (const auto it = find(key); it != this->end()) return it->second;
    throw std::out_of_range("key not found");
  }

  iterator erase(const_iterator first, const_iterator last) { return Container::erase(first, last); }
  iterator erase(const_iterator position) { return Container::erase(position); }
  iterator erase(iterator position) { return Container::erase(position); }
  template <class K>
    requires(!std::is_convertible_v<K, const_iterator>)
  size_type erase(const K& key) {
    const auto it = find(key);
    if (it == this->end()) return 0;
    Container::erase(it);
    return 1;
  }
};

using Json = nlohmann::basic_json<MovableOrderedMap>;

}  // namespace bpc::backends::jsonschema
