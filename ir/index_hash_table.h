#pragma once

// An open-addressing hash table of 32-bit indices into a store its user owns (the module's types,
// a symbol list, an API's operations). The table keeps, per slot, an index and the 32-bit hash
// of the element it names; the elements themselves stay in their store, so a lookup allocates
// nothing, and a probe reaches into the store only when the hashes match.
//
// It replaces node-based std::unordered_map where a model of 100,000 entities makes hundreds of
// thousands of lookups: one allocation per entry and a cache miss per node made those lookups
// the largest cost of checking (bench/RESULTS.md). Linear probing, power-of-two capacity, at
// most three quarters full (a probe compares stored hashes, eight to a cache line, so longer
// runs cost little, and the table of a 400,000-operation API stays small). Hashes must be well
// mixed (use `mix_hash` on weak ones).

#include <cstdint>
#include <vector>

namespace bpc::ir {

// Spreads the bits of a hash (the finalizer of MurmurHash3's 64-bit variant), folded to 32 bits.
inline std::uint32_t mix_hash(std::uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return static_cast<std::uint32_t>(h);
}

class IndexHashTable {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  std::size_t size() const { return size_; }

  // Makes room for `count` entries without rehashing.
  void reserve(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity * 3 < count * 4) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }

  // The index stored with `hash` for which `matches(index)` holds, or kNone.
  template <typename Matches>
  std::uint32_t find(std::uint32_t hash, Matches&& matches) const {
    if (slots_.empty()) return kNone;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.index == kNone) return kNone;
      if (slot.hash == hash && matches(slot.index)) return slot.index;
    }
  }

  // Adds `index` under `hash`; the caller has checked that no equal element is present.
  void insert(std::uint32_t hash, std::uint32_t index) {
    if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    place(Slot{index, hash});
    ++size_;
  }

 private:
  struct Slot {
    std::uint32_t index = kNone;
    std::uint32_t hash = 0;
  };

  void place(Slot entry) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = entry.hash & mask;
    while (slots_[i].index != kNone) i = (i + 1) & mask;
    slots_[i] = entry;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    for (const Slot& slot : old) {
      if (slot.index != kNone) place(slot);
    }
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace bpc::ir
